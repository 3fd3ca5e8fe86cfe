import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import type { Profile } from './profile';
import { RESULTS_DIR, ROOT } from './paths';
import { round } from './stats';

/** A goal of the issue: the measured value must be at least (`>=`) or at most (`<=`) `value`. */
export interface Goal {
  op: '>=' | '<=';
  value: number;
}

/** One figure of a case: its median over the runs, its p99 where it is a latency, and the verdict on its goal. */
export interface Metric {
  id: string;
  label: string;
  unit: string;
  /** The headline: median over runs (or the single value). */
  value: number;
  p99?: number;
  /** Per-run values the median was taken from. */
  runs?: number[];
  goal?: Goal;
  met?: boolean;
  /** When a goal is missed: how far off, in the metric's unit and relative to the goal. */
  missedBy?: { amount: number; percent: number; text: string };
  note?: string;
}

export interface CaseResult {
  id: string;
  number: number;
  title: string;
  status: 'ok' | 'skipped' | 'failed';
  /** Why a case was skipped or failed. */
  reason?: string;
  durationMs: number;
  metrics: Metric[];
  notes: string[];
  /** Further measurements (per-run figures, sizes) for whoever reads the JSON. */
  details?: Record<string, unknown>;
}

export interface MetricInput {
  id: string;
  label: string;
  unit: string;
  value: number;
  p99?: number;
  runs?: number[];
  goal?: Goal;
  /** Which figure the goal applies to (default: `value`). */
  goalOn?: 'value' | 'p99';
  note?: string;
}

/** Builds a metric and judges it against its goal: met, or missed by how much. */
export const metric = (input: MetricInput): Metric => {
  const result: Metric = {
    id: input.id,
    label: input.label,
    unit: input.unit,
    value: round(input.value),
    ...(input.p99 !== undefined ? { p99: round(input.p99) } : {}),
    ...(input.runs ? { runs: input.runs.map(round) } : {}),
    ...(input.note ? { note: input.note } : {}),
  };
  if (input.goal) {
    const judged = input.goalOn === 'p99' ? input.p99 : input.value;
    result.goal = input.goal;
    if (judged === undefined || !Number.isFinite(judged)) {
      result.met = false;
      result.missedBy = { amount: Number.NaN, percent: Number.NaN, text: 'not measured' };
    } else {
      const { op, value } = input.goal;
      result.met = op === '>=' ? judged >= value : judged <= value;
      if (!result.met) {
        const amount = Math.abs(judged - value);
        const percent = value === 0 ? Number.POSITIVE_INFINITY : (amount / value) * 100;
        const what = input.goalOn === 'p99' ? 'p99 ' : '';
        result.missedBy = {
          amount: round(amount),
          percent: round(percent),
          text:
            `${what}${format(judged)} ${input.unit} ${op === '>=' ? '<' : '>'} ${format(value)} ${input.unit}: ` +
            `${op === '>=' ? 'short' : 'over'} by ${format(amount)} ${input.unit} (${round(percent)}%)`,
        };
      }
    }
  }
  return result;
};

const format = (value: number): string =>
  Number.isFinite(value) ? round(value).toLocaleString('en-US', { maximumFractionDigits: 3 }) : String(value);

const pad = (text: string, width: number): string => text + ' '.repeat(Math.max(0, width - [...text].length));

/** The readable table: one line per figure, with its goal and verdict. */
export const renderTable = (results: readonly CaseResult[]): string => {
  const rows: string[][] = [['case', 'figure', 'median', 'p99', 'goal', 'verdict']];
  for (const result of results) {
    const name = `${result.number}. ${result.title}`;
    if (result.status !== 'ok') {
      rows.push([name, result.status.toUpperCase(), '', '', '', result.reason ?? '']);
      continue;
    }
    result.metrics.forEach((m, index) => {
      rows.push([
        index === 0 ? name : '',
        m.label,
        `${format(m.value)} ${m.unit}`,
        m.p99 === undefined ? '' : `${format(m.p99)} ${m.unit}`,
        m.goal ? `${m.goal.op} ${format(m.goal.value)}` : '',
        m.goal === undefined ? '' : m.met ? 'met' : `MISSED — ${m.missedBy?.text ?? ''}`,
      ]);
    });
  }
  const widths = rows[0].map((_, column) =>
    Math.min(60, Math.max(...rows.map((row) => [...row[column]].length))),
  );
  const line = (row: string[]) =>
    row
      .map((cell, column) => pad(cell, widths[column]))
      .join('  ')
      .trimEnd();
  return [line(rows[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
};

export interface RunReport {
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  profile: Profile;
  machine: { cpus: number; cpuModel: string; memoryGb: number; node: string; platform: string };
  data: Record<string, unknown>;
  cases: CaseResult[];
  summary: { goals: number; met: number; missed: string[]; skipped: string[]; failed: string[] };
}

export const machineInfo = (): RunReport['machine'] => ({
  cpus: cpus().length,
  cpuModel: cpus()[0]?.model ?? 'unknown',
  memoryGb: Math.round(totalmem() / 2 ** 30),
  node: process.version,
  platform: `${process.platform}-${process.arch}`,
});

export const summarise = (cases: readonly CaseResult[]): RunReport['summary'] => {
  const judged = cases.flatMap((c) => c.metrics.filter((m) => m.goal).map((m) => ({ c, m })));
  return {
    goals: judged.length,
    met: judged.filter(({ m }) => m.met).length,
    missed: judged.filter(({ m }) => !m.met).map(({ c, m }) => `${c.id}/${m.id}: ${m.missedBy?.text ?? ''}`),
    skipped: cases.filter((c) => c.status === 'skipped').map((c) => `${c.id}: ${c.reason ?? ''}`),
    failed: cases.filter((c) => c.status === 'failed').map((c) => `${c.id}: ${c.reason ?? ''}`),
  };
};

/**
 * Writes `bench/results/<date>.json` (`<date>-quick.json` for a quick run and `<date>-custom.json` for one with
 * overridden sizes or only some of the cases, so neither replaces the results of a full run), formatted by the repository's Prettier settings so `npm run lint` accepts it as it is.
 */
export const writeReport = async (report: RunReport): Promise<string> => {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const date = report.startedAt.slice(0, 10);
  const suffix = report.profile.custom ? '-custom' : report.profile.name === 'quick' ? '-quick' : '';
  const path = join(RESULTS_DIR, `${date}${suffix}.json`);
  let text = `${JSON.stringify(report, null, 2)}\n`;
  try {
    const prettier = await import('prettier');
    const options = (await prettier.resolveConfig(path)) ?? {};
    text = await prettier.format(text, { ...options, filepath: path });
  } catch {
    // Prettier is a dev dependency of the repository; without it the plain JSON is written.
  }
  writeFileSync(path, text);
  return path.slice(ROOT.length + 1);
};
