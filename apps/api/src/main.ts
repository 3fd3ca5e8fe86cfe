import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { UsersService } from '@app/auth';
import type { Environment } from '@app/config';
import { createApp } from './bootstrap';

const FIRST_USER_HINT =
  'No user exists yet. Create one per role you need with: ' +
  'npm run cli -- users create --username <name> --role <ROLE> --display-name "<full name>" ' +
  '(or run `npm run demo` for demo accounts and files).';

async function main(): Promise<void> {
  const app = await createApp();
  const config = app.get(ConfigService<Environment, true>);
  const port = config.get('PORT', { infer: true });
  await app.listen(port, config.get('HOST', { infer: true }));
  const logger = new Logger('Bootstrap');
  const url = `http://localhost:${port}`;
  logger.log(`Certification API listening on ${url}`);
  logger.log(`API docs on ${url}/docs (OpenAPI JSON: ${url}/docs-json)`);
  if ((await app.get(UsersService).countUsers()) === 0) logger.log(FIRST_USER_HINT);
}

main().catch((error: unknown) => {
  // The pino logger may not exist yet (bad configuration fails before it): plain stderr, then a failing exit.
  console.error(error);
  process.exit(1);
});
