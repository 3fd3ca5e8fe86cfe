import { join } from 'node:path';
import Database from 'better-sqlite3';
import { DEFAULT_STREAM_PREFIXES } from '@app/read-models';
import { rebuildReadModels, type RebuildTiming } from '../datasets/cache';
import type { BenchCase } from '../lib/case';
import type { BenchContext } from '../lib/context';
import { metric } from '../lib/report';
import { elapsedMs, median } from '../lib/stats';

/**
 * The raw ceiling: one scan of the same events in global order (the streams the read models are built from, as the
 * runner filters them) with JSON.parse of data and metadata — nothing applied, nothing written.
 */
export const rawScan = (eventsPath: string): { events: number; ms: number } => {
  const db = new Database(eventsPath, { readonly: true });
  try {
    const filter = DEFAULT_STREAM_PREFIXES.map(() => 'instr(stream_id, ?) = 1').join(' OR ');
    const statement = db.prepare<string[], { data: string; metadata: string }>(
      `SELECT data, metadata FROM events WHERE ${filter} ORDER BY global_position ASC`,
    );
    const start = process.hrtime.bigint();
    let events = 0;
    let check = 0;
    for (const row of statement.iterate(...DEFAULT_STREAM_PREFIXES)) {
      const data = JSON.parse(row.data) as object;
      const metadata = JSON.parse(row.metadata) as { hash?: string };
      check += Object.keys(data).length + (metadata.hash ? 1 : 0);
      events++;
    }
    if (check < 0) throw new Error('unreachable');
    return { events, ms: elapsedMs(start) };
  } finally {
    db.close();
  }
};

/** The rebuild's parts, as the runner times them (`RebuildTime`), summed over the read models. */
const PARTS = [
  { id: 'read', label: 'rebuild: reading the log (once, for every read model)' },
  { id: 'fold', label: 'rebuild: folding the events, every read model' },
  { id: 'write', label: 'rebuild: writing the documents, every read model' },
  { id: 'finish', label: 'rebuild: building indexes and switching, every read model' },
  { id: 'rest', label: 'rebuild: the rest (preparing, closing, between the parts)' },
] as const;

type Part = (typeof PARTS)[number]['id'];

/** The run whose time is the median (the parts of one run add up; medians of parts need not). */
const medianRun = (rebuilds: readonly RebuildTiming[]): RebuildTiming =>
  [...rebuilds].sort((a, b) => a.ms - b.ms)[Math.floor((rebuilds.length - 1) / 2)];

const seconds = (ms: number): number => ms / 1000;

const partsOf = ({ ms, models }: RebuildTiming): Record<Part, number> => {
  const sum = (part: 'foldMs' | 'writeMs' | 'finishMs') =>
    models.reduce((total, model) => total + model.time[part], 0);
  const read = models[0]?.time.readMs ?? 0;
  const [fold, write, finish] = [sum('foldMs'), sum('writeMs'), sum('finishMs')];
  return {
    read: seconds(read),
    fold: seconds(fold),
    write: seconds(write),
    finish: seconds(finish),
    rest: seconds(ms - read - fold - write - finish),
  };
};

const partsNote = ({ models }: RebuildTiming): string =>
  'Per read model in the median run, seconds of folding / writing / building indexes and switching: ' +
  models
    .map(
      ({ projection, time }) =>
        `${projection} ${[time.foldMs, time.writeMs, time.finishMs].map((ms) => seconds(ms).toFixed(2)).join(' / ')}`,
    )
    .join(', ') +
  '. Folding includes loading the documents a model does not hold; the collector runs inside whichever part allocated.';

/** Case 3: rebuilding every read model from the whole log vs a raw scan + parse of the same events, same run. */
export const rebuildCase: BenchCase = {
  id: 'rebuild',
  number: 3,
  title: 'Projection rebuild vs raw scan',
  ownProcess: true,
  async run(context: BenchContext) {
    const { profile } = context;
    const dataset = await context.main();
    const events = dataset.meta.projectedEvents;
    const rebuilds: RebuildTiming[] = [];
    const notes: string[] = [];
    // Rebuilds run between the raw scans, so that both sides of the ratio are measured within the same minutes (the
    // cached read models may have been built earlier in this run, for another case: that build is not a run here).
    rawScan(dataset.eventsPath); // warm-up (page cache, JIT), not counted
    const raws: number[] = [];
    for (let run = 0; run < Math.max(profile.runs, profile.rebuildRuns); run++) {
      if (run < profile.runs) raws.push(rawScan(dataset.eventsPath).ms);
      if (rebuilds.length < profile.rebuildRuns) {
        const target = join(context.scratch('rebuild'), 'read.sqlite');
        rebuilds.push(await rebuildReadModels(dataset.eventsPath, target, profile.name === 'full'));
      }
    }
    const rawRates = raws.map((ms) => events / (ms / 1000));
    const rebuildRates = rebuilds.map((r) => events / (r.ms / 1000));
    const ratio = median(rebuildRates) / median(rawRates);
    const typical = medianRun(rebuilds);
    const parts = partsOf(typical);
    notes.push(
      `${events.toLocaleString()} events (application-, audit-, certificate- streams of ${dataset.meta.events.toLocaleString()} ` +
        `in the log) into ${rebuilds[0].projections} read models, embedded SQLite read store; rebuild = ` +
        '`projections rebuild` (one scan of the log feeding every projection, documents written behind in batches).',
    );
    return {
      metrics: [
        metric({
          id: 'rebuild-vs-raw',
          label: 'rebuild ÷ raw scan',
          unit: '×',
          value: ratio,
          goal: { op: '>=', value: 0.5 },
        }),
        metric({
          id: 'rebuild',
          label: 'rebuild, all read models',
          unit: 'ev/s',
          value: median(rebuildRates),
          runs: rebuildRates,
        }),
        metric({
          id: 'rebuild-seconds',
          label: 'rebuild, all read models: time',
          unit: 's',
          value: median(rebuilds.map((r) => seconds(r.ms))),
        }),
        metric({
          id: 'raw-scan',
          label: 'raw scan + JSON.parse',
          unit: 'ev/s',
          value: median(rawRates),
          runs: rawRates,
        }),
        ...PARTS.map(({ id, label }) => metric({ id: `rebuild-${id}`, label, unit: 's', value: parts[id] })),
      ],
      notes: [...notes, partsNote(typical)],
      details: { events, models: typical.models },
    };
  },
};
