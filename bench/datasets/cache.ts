import { existsSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  addDays,
  certificateDecider,
  certificateStreamName,
  CMM_525_0002_V1,
  formatCertificateNumber,
  SchemeCatalogue,
  type Actor,
  type CertificateCommand,
} from '@app/domain';
import { SqliteEventStore } from '@app/event-store';
import { projectionsFor, ProjectionRunner, SqliteReadStore, type RebuildTime } from '@app/read-models';
import { resultsOf, scoreSheet } from '@app/testing';
import { usccOf } from '../../apps/cli/src/demo/organisations';
import { datasetDir } from '../lib/paths';
import type { Profile } from '../lib/profile';
import { progressBar } from '../lib/progress';
import { sourceHash } from '../lib/source-hash';
import {
  BENCH_ACTORS,
  BENCH_TODAY,
  CertificationFiles,
  FIRST_START,
  startDateOf,
} from './certification-files';
import { DomainCore } from './domain-core';
import { organisationOf } from './organisations';

/** Bump to throw away every cached dataset (e.g. after changing what a case expects to find in it). */
const DATA_VERSION = '1';

/** The code whose changes change the events generated. */
const EVENT_SOURCES = [
  'bench/datasets',
  'apps/cli/src/demo/organisations.ts',
  'libs/domain/src',
  'libs/event-store/src',
  'libs/config/src',
  'libs/testing/src/fixtures',
  'libs/testing/src/command-context.ts',
];
/** … and the read models built from them. */
const READ_SOURCES = ['libs/read-models/src'];

export const schemes = (): SchemeCatalogue => SchemeCatalogue.load([CMM_525_0002_V1]);

const log = (message: string) => process.stderr.write(`${message}\n`);

const removeDatabase = (path: string) => {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(path + suffix, { force: true });
};

/** Size of a closed SQLite database file. */
const bytesOf = (path: string): number => (existsSync(path) ? statSync(path).size : 0);

// ---------------------------------------------------------------------------------------------------------------
// Main dataset: certification files (application, audit, number, certificate), a long certificate, read models.

export interface MainMeta {
  key: string;
  profile: Profile['name'];
  certificates: number;
  /** Every event in the log, helper streams included. */
  events: number;
  /** Events of the streams the read models are built from (application-, audit-, certificate-). */
  projectedEvents: number;
  /** Events on certificate streams (what the Kafka relay publishes from). */
  certificateEvents: number;
  year: number;
  /** Certificates that are VALID or SUSPENDED (commands apply to them), at most 20,000, spread over the log. */
  liveNumbers: string[];
  /** Registry search terms: brands of a few dozen holders each. */
  brands: string[];
  longCertificate: { number: string; events: number };
  generatedMs: number;
  readBuiltMs: number;
  eventsBytes: number;
  readBytes: number;
}

export interface MainDataset {
  dir: string;
  eventsPath: string;
  readPath: string;
  meta: MainMeta;
}

/** A rebuild of every read model from the log. */
export interface RebuildTiming {
  ms: number;
  /** Read models rebuilt (all in one scan of the log). */
  projections: number;
  /** Where each read model's rebuild spent its time, as the runner reports it. */
  models: { projection: string; time: RebuildTime }[];
}

const mainKey = (profile: Profile): string =>
  sourceHash(EVENT_SOURCES, [
    DATA_VERSION,
    String(profile.certificates),
    String(profile.longCertificateEvents),
  ]);

/** The main dataset of the profile, generated (events, then read models) unless cached under its data-version key. */
export const ensureMainDataset = async (profile: Profile): Promise<MainDataset> => {
  const key = mainKey(profile);
  const readKey = sourceHash(READ_SOURCES, [key]);
  const dir = datasetDir(`main-${profile.certificates}`, key);
  const eventsPath = join(dir, 'events.sqlite');
  const readPath = join(dir, `read-${readKey}.sqlite`);
  const metaPath = join(dir, 'meta.json');
  let meta: MainMeta | null = existsSync(metaPath) && existsSync(eventsPath) ? readMeta(metaPath) : null;
  if (!meta) {
    log(
      `Generating the ${profile.name} dataset (${profile.certificates.toLocaleString()} certification files) …`,
    );
    meta = await generateMain(profile, key, eventsPath);
    writeFileSync(metaPath, JSON.stringify(meta, null, 2));
  }
  const readMetaPath = `${readPath}.json`;
  if (!existsSync(readPath) || !existsSync(readMetaPath)) {
    log(
      `Building the read models of the ${profile.name} dataset (${meta.projectedEvents.toLocaleString()} events) …`,
    );
    const temporary = `${readPath}.tmp`;
    removeDatabase(temporary);
    const built = await rebuildReadModels(eventsPath, temporary, true);
    renameSync(temporary, readPath);
    log(
      `  read models built in ${(built.ms / 1000).toFixed(1)} s, ${(bytesOf(readPath) / 1e6).toFixed(0)} MB`,
    );
    writeFileSync(readMetaPath, JSON.stringify({ builtMs: built.ms }));
  }
  const readBuiltMs = (JSON.parse(readFileSync(readMetaPath, 'utf8')) as { builtMs: number }).builtMs;
  return {
    dir,
    eventsPath,
    readPath,
    meta: { ...meta, readBuiltMs, readBytes: bytesOf(readPath) },
  };
};

const readMeta = (path: string): MainMeta | null => {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as MainMeta;
  } catch {
    return null;
  }
};

const generateMain = async (profile: Profile, key: string, eventsPath: string): Promise<MainMeta> => {
  const started = Date.now();
  const temporary = `${eventsPath}.tmp`;
  removeDatabase(temporary);
  removeDatabase(eventsPath);
  const store = SqliteEventStore.open({ path: temporary });
  // A large page cache for this connection only: the indexes of a growing log stay in memory while writing.
  store.database.pragma('cache_size = -262144');
  const core = new DomainCore(schemes());
  const files = new CertificationFiles(core);
  const total = profile.certificates;
  const longAt = Math.floor(total / 2);
  const bar = progressBar('certification files', total + 1, 'files');
  const live: string[] = [];
  let longCertificate = { number: '', events: profile.longCertificateEvents };
  let events = 0;
  try {
    for (let index = 0; index < total; index++) {
      if (index === longAt) {
        // The long certificate is issued early in the window, so its history can spread over months.
        const file = files.long(total + 1, profile.longCertificateEvents, FIRST_START);
        longCertificate = { number: file.number, events: profile.longCertificateEvents };
      }
      const file = files.granted(index, startDateOf(index, total));
      files.afterIssue(index, file);
      if (index % 40 !== 11 && index % 40 !== 13) live.push(file.number);
      if (core.pendingEventCount >= 5_000) events += core.flush(store);
      if (index % 100 === 0) bar.update(index + 1, {});
    }
    events += core.flush(store);
    bar.update(total + 1);
  } finally {
    bar.stop();
    await store.close();
  }
  renameSync(temporary, eventsPath);
  const counts = countEvents(eventsPath);
  const generatedMs = Date.now() - started;
  log(
    `  ${events.toLocaleString()} events in ${(generatedMs / 1000).toFixed(1)} s ` +
      `(${Math.round(events / (generatedMs / 1000)).toLocaleString()} events/s), ${(bytesOf(eventsPath) / 1e6).toFixed(0)} MB`,
  );
  const step = Math.max(1, Math.ceil(live.length / 20_000));
  return {
    key,
    profile: profile.name,
    certificates: files.issued,
    events: counts.all,
    projectedEvents: counts.projected,
    certificateEvents: counts.certificate,
    year: 2026,
    liveNumbers: live.filter((_, i) => i % step === 0),
    brands: Array.from({ length: 40 }, (_, i) => organisationOf(i * 97).brand),
    longCertificate,
    generatedMs,
    readBuiltMs: 0,
    eventsBytes: bytesOf(eventsPath),
    readBytes: 0,
  };
};

const countEvents = (eventsPath: string) => {
  const store = SqliteEventStore.open({ path: eventsPath });
  try {
    const row = store.database
      .prepare(
        `SELECT count(*) AS all_events,
                sum(instr(stream_id, 'application-') = 1 OR instr(stream_id, 'audit-') = 1
                    OR instr(stream_id, 'certificate-') = 1) AS projected,
                sum(instr(stream_id, 'certificate-') = 1) AS certificate
           FROM events`,
      )
      .get() as { all_events: number; projected: number; certificate: number };
    return { all: row.all_events, projected: row.projected, certificate: row.certificate };
  } finally {
    void store.close();
  }
};

/**
 * Rebuilds every read model from the log into the embedded read store at `readPath`, as `projections rebuild`
 * does (one scan of the log feeding every projection, documents written behind in batches, then switched to); timed.
 */
export const rebuildReadModels = async (
  eventsPath: string,
  readPath: string,
  showProgress: boolean,
): Promise<RebuildTiming> => {
  const events = SqliteEventStore.open({ path: eventsPath });
  const reads = SqliteReadStore.open({ path: readPath });
  const projections = projectionsFor(schemes());
  const head = Number((await events.headPosition())?.commit ?? 0);
  const bar = showProgress ? progressBar('read models', head, 'events') : null;
  const started = Date.now();
  let models: RebuildTiming['models'] = [];
  try {
    const runner = new ProjectionRunner(events, reads, projections, { logger: quietLogger });
    const results = await runner.rebuild(undefined, (done) => bar?.update(done, {}));
    const failed = results.filter((r) => r.outcome !== 'activated');
    if (failed.length > 0) throw new Error(`read-model rebuild failed: ${JSON.stringify(failed)}`);
    models = results.map(({ projection, time }) => ({ projection, time }));
  } finally {
    bar?.stop();
    await reads.close();
    await events.close();
  }
  // Closing the read store is part of the rebuild: it commits what is queued and checkpoints the write-ahead log.
  return { ms: Date.now() - started, projections: projections.length, models };
};

export const quietLogger = { log: () => undefined, warn: log, error: log };

// ---------------------------------------------------------------------------------------------------------------
// Command dataset: certificates whose streams hold `commandStreamLength` events, for the command path, the peer
// comparison and the Kafka relay. Issued and then changed/reissued through the certificate decider.

export interface CommandDataset {
  eventsPath: string;
  numbers: string[];
  events: number;
}

const GRANT_RESULTS = resultsOf(scoreSheet({ fraction: 0.85 }));

/** The commands that give certificate `index` its history: an issue, then reissues and address changes. */
export const certificateHistory = (
  index: number,
  length: number,
): { command: Pick<CertificateCommand, 'type' | 'data'>; actor: Actor; now: string }[] => {
  const org = organisationOf(index);
  const number = formatCertificateNumber(CMM_525_0002_V1, 2026, index + 1);
  const decisionDate = addDays(FIRST_START, index % 60);
  const at = (days: number) => `${addDays(decisionDate, days)}T02:00:00.000Z`;
  const history: { command: Pick<CertificateCommand, 'type' | 'data'>; actor: Actor; now: string }[] = [
    {
      command: {
        type: 'IssueCertificate',
        data: {
          number,
          applicationId: `bench-application-${index}`,
          schemeVersion: CMM_525_0002_V1.id,
          grant: {
            auditId: `bench-audit-${index}`,
            auditType: 'INITIAL',
            decisionDate,
            decisionMaker: BENCH_ACTORS.decider,
          },
          holder: { name: org.name, address: org.address, uscc: usccOf(org) },
          scope: `${org.name}智能客户服务`,
          evaluationResults: GRANT_RESULTS,
        },
      },
      actor: BENCH_ACTORS.decider,
      now: at(2),
    },
  ];
  for (let n = 1; n < length; n++) {
    history.push(
      n % 2 === 1
        ? {
            command: { type: 'ReissueCertificate', data: { reason: 'LOST' } },
            actor: BENCH_ACTORS.registry,
            now: at(2 + n),
          }
        : {
            command: {
              type: 'ChangeCertificate',
              data: { field: 'ADDRESS', after: `${org.address} ${n} 室`, reason: '地址变更' },
            },
            actor: BENCH_ACTORS.registry,
            now: at(2 + n),
          },
    );
  }
  return history;
};

export const ensureCommandDataset = async (profile: Profile): Promise<CommandDataset> => {
  const key = sourceHash(EVENT_SOURCES, [
    DATA_VERSION,
    'commands',
    String(profile.commandCertificates),
    String(profile.commandStreamLength),
  ]);
  const dir = datasetDir(`commands-${profile.commandCertificates}x${profile.commandStreamLength}`, key);
  const eventsPath = join(dir, 'events.sqlite');
  const numbers = Array.from({ length: profile.commandCertificates }, (_, i) =>
    formatCertificateNumber(CMM_525_0002_V1, 2026, i + 1),
  );
  const events = profile.commandCertificates * profile.commandStreamLength;
  if (existsSync(eventsPath)) return { eventsPath, numbers, events };
  const started = Date.now();
  const temporary = `${eventsPath}.tmp`;
  removeDatabase(temporary);
  const store = SqliteEventStore.open({ path: temporary });
  const core = new DomainCore(schemes());
  try {
    for (let index = 0; index < profile.commandCertificates; index++) {
      const stream = certificateStreamName(numbers[index]);
      for (const step of certificateHistory(index, profile.commandStreamLength)) {
        core.run(certificateDecider, stream, step.command, step.actor, step.now);
      }
      core.forget([stream]);
      if (core.pendingEventCount >= 5_000) core.flush(store);
    }
    core.flush(store);
  } finally {
    await store.close();
  }
  renameSync(temporary, eventsPath);
  log(
    `Generated ${events.toLocaleString()} events on ${profile.commandCertificates.toLocaleString()} certificate streams ` +
      `in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  return { eventsPath, numbers, events };
};

/** The instant commands are decided at in the benchmark (after every generated date). */
export const benchNow = (): string => `${BENCH_TODAY}T02:00:00.000Z`;
