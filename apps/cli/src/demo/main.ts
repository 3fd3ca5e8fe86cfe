import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { NestFactory } from '@nestjs/core';
import { CommandBus } from '@nestjs/cqrs';
import { UsersService } from '@app/auth';
import { ManualClock } from '@app/certification';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import { DemoFiles, type DemoFile } from './demo-files';
import { DEMO_PASSWORD, demoAccounts, ensureDemoUsers } from './demo-users';
import { DemoModule } from './demo.module';
import { ORGANISATIONS } from './organisations';

/** Marks that the demo files were loaded: their timeline is fixed, so loading them twice would collide. */
const DEMO_MARKER = '$demo';

const loaded = async (store: EventStore): Promise<boolean> => store.streamExists(DEMO_MARKER);

/**
 * `npm run demo`: demo accounts for every role, and files walked through realistic paths on the configured
 * store (SQLITE_PATH, AUTH_DB_PATH), so a newcomer sees real data in the API.
 */
async function main(): Promise<void> {
  const clock = new ManualClock('2025-03-03T02:00:00.000Z');
  const app = await NestFactory.createApplicationContext(DemoModule.withClock(clock), {
    logger: ['error', 'warn'],
  });
  try {
    const { actors, created } = await ensureDemoUsers(app.get(UsersService));
    const store = app.get<EventStore>(EVENT_STORE);
    if (await loaded(store)) {
      console.log('The demo files are already in this store; accounts are listed below.');
    } else {
      const files = new DemoFiles(app.get(CommandBus), clock, actors);
      const walked: DemoFile[] = [];
      const paths: [string, () => Promise<DemoFile>][] = [
        ['granted', () => files.granted(ORGANISATIONS.bank, '2025-03-03')],
        [
          'conditionally granted, then granted',
          () => files.conditionallyGranted(ORGANISATIONS.telecom, '2025-04-07'),
        ],
        ['refused', () => files.refused(ORGANISATIONS.ecommerce, '2025-05-12')],
        ['suspended and reinstated', () => files.suspendedAndReinstated(ORGANISATIONS.insurer, '2025-06-02')],
        ['revoked after appeal', () => files.revokedAfterAppeal(ORGANISATIONS.hospital, '2025-07-07')],
        ['cancelled on request', () => files.cancelledOnRequest(ORGANISATIONS.government, '2025-08-04')],
      ];
      for (const [index, [label, walk]] of paths.entries()) {
        process.stdout.write(`[${index + 1}/${paths.length}] ${label} … `);
        walked.push(await walk());
        console.log('done');
      }
      await store.append(
        DEMO_MARKER,
        [
          {
            id: randomUUID(),
            type: 'DemoLoaded',
            data: { files: walked.map((f) => f.applicationId) },
            metadata: {
              actor: actors.decider,
              occurredAt: clock.now().toISOString(),
              correlationId: randomUUID(),
              causationId: null,
              schemeVersion: null,
            },
          },
        ],
        'no_stream',
      );
      console.log('\nFiles:');
      console.table(
        walked.map((f) => ({
          organisation: f.organisation,
          path: f.path,
          certificate: f.certificateNumber ?? '—',
          status: f.outcome,
          application: f.applicationId,
          audit: f.auditId,
        })),
      );
    }
    console.log(`\nDemo accounts (password for all: ${DEMO_PASSWORD}) — for trying the system out only:`);
    console.table(
      demoAccounts().map((a) => ({
        ...a,
        status: created.includes(a.username) ? 'created' : 'already existed',
      })),
    );
    console.log(
      'Log in: curl -s -X POST localhost:3000/api/v1/auth/login -H "content-type: application/json" ' +
        `-d '{"username":"decider","password":"${DEMO_PASSWORD}"}'`,
    );
  } finally {
    await app.close();
  }
}

main().catch((error: Error) => {
  console.error(`Demo failed: ${error.message}`);
  process.exitCode = 1;
});
