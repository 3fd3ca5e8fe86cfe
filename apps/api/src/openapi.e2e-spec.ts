import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The committed apps/api/openapi.json must be what `npm run openapi` would write now. */
describe('committed OpenAPI document', () => {
  it('is up to date', async () => {
    // The same environment as the npm script: in-memory stores, quiet logs. Set before AppModule is loaded,
    // because ConfigModule.forRoot reads the environment when the module file is evaluated.
    process.env.SQLITE_PATH = ':memory:';
    process.env.AUTH_DB_PATH = ':memory:';
    process.env.LOG_LEVEL = 'silent';
    const { renderOpenApiJson } = await import('./bootstrap');
    const generated = await renderOpenApiJson();
    const committed = readFileSync(join(__dirname, '..', 'openapi.json'), 'utf8');
    if (generated !== committed) throw new Error('openapi.json is stale: run npm run openapi');
    expect(JSON.parse(committed)).toMatchObject({
      info: { title: 'Certification lifecycle API', version: '1' },
    });
  });
});
