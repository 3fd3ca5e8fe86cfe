import { SingleBar, Presets } from 'cli-progress';
import type { Command } from 'commander';
import { ConfigService } from '@nestjs/config';
import { dateOf } from '@app/domain';
import { loadSchemeCatalogue, validateEnvironment, type Environment } from '@app/config';
import { openEventStore, sequenceOf, serializePosition, type EventStore } from '@app/event-store';
import {
  loadCalendarOverride,
  openReadStore,
  ProjectionRunner,
  projectionsFor,
  type Projection,
  type RebuildTime,
  toPublicRegistryEntry,
  type ReadStore,
  type RegistryDocument,
  useCalendarOverride,
} from '@app/read-models';

/**
 * Opens the configured event store and read store for the length of one command, with the read models of the
 * configured scheme catalogue.
 */
const withStores = async (
  run: (events: EventStore, reads: ReadStore, projections: readonly Projection[]) => Promise<void>,
): Promise<void> => {
  const config = new ConfigService<Environment, true>(validateEnvironment(process.env));
  const calendarFile = config.get('CALENDAR_FILE', { infer: true });
  useCalendarOverride(calendarFile ? loadCalendarOverride(calendarFile) : null);
  const projections = projectionsFor(loadSchemeCatalogue(config.get('SCHEME_FILE', { infer: true })));
  const events = await openEventStore(config);
  try {
    const reads = await openReadStore(config);
    try {
      await run(events, reads, projections);
    } finally {
      await reads.close();
    }
  } finally {
    await events.close();
  }
};

/** Where a read model's rebuild spent its time, as columns of the command's table (seconds). */
const secondsOf = ({ readMs, foldMs, writeMs, finishMs }: RebuildTime): Record<string, number> => {
  const seconds = (ms: number): number => Math.round(ms / 100) / 10;
  return {
    'log read (s, shared)': seconds(readMs),
    'fold (s)': seconds(foldMs),
    'write (s)': seconds(writeMs),
    'indexes and switch (s)': seconds(finishMs),
  };
};

/** `projections status`, `projections rebuild [name]`, `registry lookup <number>`. */
export const registerProjectionCommands = (program: Command): void => {
  const projections = program.command('projections').description('Read models built from the event log');

  projections
    .command('status')
    .description('Active generation, checkpoint and lag of every projection')
    .action(() =>
      withStores(async (events, reads, readModels) => {
        const head = await events.headPosition();
        const rows = [];
        for (const projection of readModels) {
          const generation = await reads.activeGeneration(projection.name);
          const checkpoint = generation ? await reads.checkpoint(projection.name, generation) : null;
          const at = checkpoint?.position ?? null;
          rows.push({
            projection: projection.name,
            version: projection.version,
            generation: generation ?? '(not built)',
            checkpoint: at ? serializePosition(at) : '—',
            lag: head ? sequenceOf(head) - (at ? sequenceOf(at) : 0) : 0,
            failure: checkpoint?.failure
              ? `${checkpoint.failure.eventType}: ${checkpoint.failure.message}`
              : '',
          });
        }
        console.table(rows);
      }),
    );

  projections
    .command('rebuild')
    .description(
      'Rebuild one projection (or all) into a new generation; readers switch when it has caught up',
    )
    .argument(
      '[name]',
      `one of ${projectionsFor(loadSchemeCatalogue())
        .map((p) => p.name)
        .join(', ')}`,
    )
    .action((name?: string) =>
      withStores(async (events, reads, readModels) => {
        const runner = new ProjectionRunner(events, reads, readModels, {
          logger: { log: () => undefined, warn: console.warn, error: console.error },
        });
        const bar = new SingleBar(
          { format: '{projection} [{bar}] {value}/{total} events · {rate} ev/s · ETA {eta}s' },
          Presets.shades_classic,
        );
        let current = '';
        let started = Date.now();
        const results = await runner.rebuild(name, (done, total, projection) => {
          if (projection !== current) {
            if (current) bar.stop();
            current = projection;
            started = Date.now();
            bar.start(total, 0, { projection, rate: 0 });
          }
          const seconds = (Date.now() - started) / 1000;
          bar.update(done, { projection, rate: seconds > 0 ? Math.round(done / seconds) : 0 });
        });
        if (current) bar.stop();
        console.table(results.map(({ time, ...result }) => ({ ...result, ...secondsOf(time) })));
      }),
    );

  program
    .command('registry')
    .description('The public registry')
    .command('lookup')
    .description('Show a certificate as the public registry shows it')
    .argument('<number>', 'certificate number, e.g. CMM-ICS-2026-00001')
    .action((number: string) =>
      withStores(async (_events, reads) => {
        const doc = await reads.get<RegistryDocument>('registry', number);
        if (!doc) {
          console.error(`No certificate ${number} in the registry`);
          process.exitCode = 1;
          return;
        }
        console.log(JSON.stringify(toPublicRegistryEntry(doc, dateOf(new Date().toISOString())), null, 2));
      }),
    );
};
