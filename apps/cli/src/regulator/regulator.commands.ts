import { readFileSync } from 'node:fs';
import { hostname, userInfo } from 'node:os';
import { Presets, SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { ConfigService } from '@nestjs/config';
import {
  buildTimeline,
  RegulatorService,
  stateAt,
  SystemClock,
  verifyExportBundle,
  type CertificateFile,
  type CertificateTimeline,
  type ExportVerification,
  type LoadProgress,
  type PointInTimeState,
  type VerificationReport,
} from '@app/certification';
import { validateEnvironment, type Environment } from '@app/config';
import { openEventStore } from '@app/event-store';
import {
  certificateRows,
  openAuditRows,
  openNonconformityRows,
  registryRows,
  timelineEventRows,
  timelineRows,
  verificationRows,
  type Row,
} from './replay-tables';

/** Replays of at least this many events show a progress bar (on stderr, when it is a terminal). */
export const PROGRESS_THRESHOLD = 200;

/** The lines `verify-export` prints: one per check, then the verdict naming what failed. */
export const formatExportVerification = (result: ExportVerification): string[] => {
  const width = Math.max(...result.checks.map((check) => check.name.length));
  const failed = result.checks.filter((check) => !check.ok).map((check) => check.name);
  return [
    ...result.checks.map((check) => `${check.ok ? '✓' : '✗'} ${check.name.padEnd(width)}  ${check.detail}`),
    failed.length === 0
      ? `export of ${result.certificateNumber ?? '?'} is valid`
      : `export INVALID — failed: ${failed.join(', ')}`,
  ];
};

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

const table = (title: string, rows: Row[], empty = 'none'): void => {
  console.log(`\n${title}`);
  if (rows.length === 0) console.log(`  ${empty}`);
  else console.table(rows);
};

/** A bar that appears only once the replay turns out to be long. */
const progressBar = (): { onProgress: LoadProgress; stop: () => void } => {
  const bar = new SingleBar(
    { format: 'replaying [{bar}] {value}/{total} events', clearOnComplete: true },
    Presets.shades_classic,
  );
  let started = false;
  return {
    onProgress: (done, total) => {
      if (!started && total >= PROGRESS_THRESHOLD) {
        bar.start(total, done);
        started = true;
      } else if (started) bar.update(done);
    },
    stop: () => {
      if (started) bar.stop();
    },
  };
};

/** A PEM file, or the JSON answer of GET /api/v1/regulator/signing-key saved as is. */
const readPublicKey = (path: string): string => {
  const content = readFileSync(path, 'utf8');
  if (!content.trimStart().startsWith('{')) return content;
  const { publicKeyPem } = JSON.parse(content) as { publicKeyPem?: unknown };
  if (typeof publicKeyPem !== 'string') throw new Error(`${path}: no publicKeyPem in this JSON`);
  return publicKeyPem;
};

/** The timeline and the state at `at`, as tables. */
const printReplay = (
  number: string,
  at: string,
  {
    file,
    timeline,
    state,
  }: { file: CertificateFile; timeline: CertificateTimeline; state: PointInTimeState },
): void => {
  const events = file.streams.reduce((sum, stream) => sum + stream.events.length, 0);
  console.log(
    `Certificate ${number}: ${events} events in ${file.streams.length} streams; status now ${timeline.status}`,
  );
  table('Timeline', timelineRows(timeline));
  table('Events during the intervals', timelineEventRows(timeline));
  console.log(
    `\nState at ${at} (${state.asOf.events} events folded, the last at ${state.asOf.lastOccurredAt ?? '—'})`,
  );
  table('Certificate', certificateRows(state));
  table('Public registry showed', registryRows(state));
  table('Open audits', openAuditRows(state));
  table('Open nonconformities', openNonconformityRows(state));
};

/** Every chain of the file, then the verdict. */
const printVerification = (number: string, verification: VerificationReport): void => {
  table('Hash chains (recomputed from revision 0)', verificationRows(verification));
  console.log(
    verification.valid
      ? `\nevery chain of ${number} verifies`
      : `\nthe file of ${number} does NOT verify: see the broken links above`,
  );
};

/** `replay <number> [--at <time>] [--json]` and `verify-export <file> [--public-key <pem>]`. */
export const registerRegulatorCommands = (program: Command): void => {
  program
    .command('replay')
    .description(
      "Replay a certificate's file from the event store: its status timeline, its state (certificate, registry " +
        'entry, open audits and nonconformities) at a moment, and the verification of every hash chain it was ' +
        'folded from (exit code 1 when one does not verify)',
    )
    .argument('<number>', 'certificate number, e.g. CMM-ICS-2026-00001')
    .option('--at <time>', 'ISO instant with time zone, e.g. 2026-09-15T00:00:00Z (default: now)')
    .option('--json', 'print the timeline and the state as JSON', false)
    .action(async (number: string, options: { at?: string; json: boolean }) => {
      if (options.at !== undefined && !(INSTANT.test(options.at) && !Number.isNaN(Date.parse(options.at)))) {
        throw new Error(
          `--at ${options.at}: expected an ISO instant with a time zone, e.g. 2026-09-15T00:00:00Z`,
        );
      }
      const config = new ConfigService<Environment, true>(validateEnvironment(process.env));
      const store = await openEventStore(config);
      try {
        const service = new RegulatorService(store, new SystemClock());
        const at = options.at === undefined ? service.now() : new Date(options.at).toISOString();
        const progress = progressBar();
        // One read: the state and the timeline are folded from exactly the events whose chains were verified.
        const { verification, file } = await service
          .readVerified(number, { onProgress: progress.onProgress })
          .finally(progress.stop);
        // Reads are recorded like the API's; an operator's store copy may be read-only, so this only warns.
        await service
          .recordRead(
            { id: `cli:${userInfo().username}@${hostname()}`, role: 'CLI' },
            { certificateNumber: number, endpoint: 'cli:replay', query: { at: options.at ?? null } },
          )
          .catch((error: Error) =>
            console.error(`warning: the read could not be recorded: ${error.message}`),
          );
        // A file whose chains do not verify is replayed all the same, and the exit code says so.
        process.exitCode = verification.valid ? 0 : 1;
        const certificate = file?.streams.find((stream) => stream.kind === 'certificate')?.events ?? [];
        const replayed = file && {
          file,
          timeline: buildTimeline(number, certificate),
          state: stateAt(file, at),
        };
        if (options.json) {
          const { timeline = null, state = null } = replayed ?? {};
          console.log(JSON.stringify({ timeline, state, verification }, null, 2));
          return;
        }
        if (replayed) printReplay(number, at, replayed);
        else
          console.log(`Certificate ${number}: a stored event no longer decodes; nothing could be replayed`);
        printVerification(number, verification);
      } finally {
        await store.close();
      }
    });

  program
    .command('verify-export')
    .description(
      'Check a regulator export offline: signature, events digest, every chain from revision 0, stream heads and ' +
        'scheme versions against the manifest; exit code 1 naming what fails',
    )
    .argument('<file>', 'the JSON bundle from GET /api/v1/regulator/certificates/{number}/export')
    .option(
      '--public-key <pem file>',
      'the signing key: a PEM file, or the saved answer of GET /api/v1/regulator/signing-key (default: the key embedded in the export)',
    )
    .action((path: string, options: { publicKey?: string }) => {
      const publicKeyPem = options.publicKey === undefined ? undefined : readPublicKey(options.publicKey);
      const result = verifyExportBundle(readFileSync(path, 'utf8'), { publicKeyPem });
      for (const line of formatExportVerification(result)) console.log(line);
      process.exitCode = result.valid ? 0 : 1;
    });
};
