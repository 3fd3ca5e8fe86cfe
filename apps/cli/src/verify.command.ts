import type { Command } from 'commander';
import { ConfigService } from '@nestjs/config';
import { validateEnvironment, type Environment } from '@app/config';
import { openEventStore, verifyStoredStream } from '@app/event-store';

/** `verify <streamIds...>`: exit code 1 if any hash chain is broken. */
export const registerVerifyCommand = (program: Command): void => {
  program
    .command('verify')
    .description(
      'Recompute the hash chain of each stream and report the first broken link; exit code 1 if any is broken',
    )
    .argument('<streamIds...>', 'stream ids, e.g. certificate-CMM-ICS-2026-00001')
    .action(async (streamIds: string[]) => {
      const store = await openEventStore(
        new ConfigService<Environment, true>(validateEnvironment(process.env)),
      );
      try {
        let broken = 0;
        for (const streamId of streamIds) {
          const result = await verifyStoredStream(store, streamId);
          if (!result.valid) broken++;
          console.log(JSON.stringify(result));
        }
        process.exitCode = broken > 0 ? 1 : 0;
      } finally {
        await store.close();
      }
    });
};
