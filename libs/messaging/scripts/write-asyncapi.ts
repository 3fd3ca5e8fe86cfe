/**
 * Regenerates docs/asyncapi.yaml from the contract:
 * `npx ts-node -r tsconfig-paths/register --transpile-only libs/messaging/scripts/write-asyncapi.ts`.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { format, resolveConfig } from 'prettier';
import { stringify } from 'yaml';
import { asyncApiDocument } from '../src/contract/asyncapi.document';

const main = async (): Promise<void> => {
  const target = join(__dirname, '..', '..', '..', 'docs', 'asyncapi.yaml');
  const yaml = `# Generated from libs/messaging/src/contract — do not edit by hand.\n${stringify(asyncApiDocument(), { lineWidth: 0 })}`;
  const options = (await resolveConfig(target)) ?? {};
  writeFileSync(target, await format(yaml, { ...options, filepath: target }));
  console.log(`wrote ${target}`);
};

void main();
