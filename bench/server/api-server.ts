/**
 * The API under test, in a child process of the benchmark: the real application (`createApp()` with AppModule, as
 * `npm start` builds it) on the stores named by the environment (SQLITE_PATH, READ_STORE_PATH, AUTH_DB_PATH …),
 * listening on a free port of 127.0.0.1. Before listening it creates the bench's users (password from
 * BENCH_PASSWORD); it reports `{type: 'ready', port}` on the IPC channel and closes on `{type: 'stop'}`.
 */
import 'reflect-metadata';
import { UsersService } from '@app/auth';
import type { Role } from '@app/domain';
import { createApp } from '../../apps/api/src/bootstrap';
import { runServer, serveToBench } from './serve';

export const BENCH_USERS: { username: string; role: Role }[] = [
  { username: 'bench-registry', role: 'REGISTRY_OFFICER' },
  { username: 'bench-decider', role: 'DECISION_MAKER' },
  { username: 'bench-regulator', role: 'REGULATOR' },
  // A file's other roles, for case 2's walk through every command.
  { username: 'bench-intake', role: 'INTAKE_OFFICER' },
  { username: 'bench-programme', role: 'PROGRAMME_MANAGER' },
  { username: 'bench-auditor', role: 'AUDITOR' },
  { username: 'bench-reviewer', role: 'TECHNICAL_REVIEWER' },
];

async function main(): Promise<void> {
  const password = process.env.BENCH_PASSWORD;
  if (!password) throw new Error('BENCH_PASSWORD is required');
  const app = await createApp();
  const users = app.get(UsersService);
  for (const { username, role } of BENCH_USERS) {
    if (!(await users.findByUsername(username))) await users.create({ username, password, roles: [role] });
  }
  await serveToBench(app);
}

runServer(main);
