import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderOpenApiJson } from '../src/bootstrap';

/** `npm run openapi`: regenerates apps/api/openapi.json (in-memory stores, no port; env set by the npm script). */
const target = join(__dirname, '..', 'openapi.json');

renderOpenApiJson()
  .then((json) => {
    writeFileSync(target, json);
    process.stdout.write(`wrote ${target}\n`);
  })
  .catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
