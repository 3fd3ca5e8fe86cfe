/**
 * `npm run bench` — every case of issue #11 on the full data; `npm run bench -- <case…>` — some of them (by name or
 * number); `--quick` — small data and one run of each (CI smoke mode: every case executes, no figure is judged
 * for the exit code); `--list` — the cases. Prints a table and writes bench/results/<date>.json.
 */
import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { commandPathCase } from './cases/command-path';
import { httpCommandsCase } from './cases/http-commands';
import { kafkaCase } from './cases/kafka';
import { memoryCase } from './cases/memory';
import { registryCase } from './cases/registry';
import { peerCase } from './cases/peer';
import { rebuildCase } from './cases/rebuild';
import { regulatorCase } from './cases/regulator';
import type { MainMeta } from './datasets/cache';
import type { BenchCase } from './lib/case';
import { SkipCase } from './lib/case';
import { BenchContext } from './lib/context';
import { CACHE_DIR } from './lib/paths';
import { lockBenchRun } from './lib/run-lock';
import { runInOwnProcess } from './lib/own-process';
import { FULL, QUICK, type Profile } from './lib/profile';
import {
  machineInfo,
  renderTable,
  summarise,
  writeReport,
  type CaseResult,
  type RunReport,
} from './lib/report';

const CASES: BenchCase[] = [
  commandPathCase,
  httpCommandsCase,
  rebuildCase,
  registryCase,
  regulatorCase,
  kafkaCase,
  memoryCase,
  peerCase,
];

interface Arguments {
  profile: Profile;
  cases: BenchCase[];
  list: boolean;
  keep: boolean;
  /** The options that set the profile and scratch handling, as given: passed on to a case's own process. */
  passOn: string[];
  /** Run the one case selected here and write its result to this file (how a case runs in its own process). */
  resultFile?: string;
}

const usage = `usage: npm run bench -- [--quick] [--runs N] [--certificates N] [--keep] [--list] [case …]
cases: ${CASES.map((c) => `${c.number}|${c.id}`).join(', ')}`;

const parseArguments = (argv: string[]): Arguments => {
  let profile: Profile = FULL;
  const overrides: Partial<Profile> = {};
  const selected: BenchCase[] = [];
  let list = false;
  let keep = false;
  let resultFile: string | undefined;
  const passOn: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const numberAfter = () => {
      const value = Number(argv[++i]);
      if (!Number.isInteger(value) || value < 1) throw new Error(`${arg} needs a positive integer\n${usage}`);
      passOn.push(arg, String(value));
      return value;
    };
    if (arg === '--quick') {
      profile = QUICK;
      passOn.push(arg);
    } else if (arg === '--runs') overrides.runs = numberAfter();
    else if (arg === '--certificates') overrides.certificates = numberAfter();
    else if (arg === '--list') list = true;
    else if (arg === '--keep') {
      keep = true;
      passOn.push(arg);
    } else if (arg === '--result-file') {
      resultFile = argv[++i];
      if (!resultFile) throw new Error(`--result-file needs a path\n${usage}`);
    } else if (arg === '--help' || arg === '-h') {
      console.log(usage);
      process.exit(0);
    } else {
      const found = CASES.find((c) => c.id === arg || String(c.number) === arg);
      if (!found) throw new Error(`unknown case or option ${arg}\n${usage}`);
      if (!selected.includes(found)) selected.push(found);
    }
  }
  // Other sizes, or only some of the cases: not a full run, whose results file it must not replace.
  const custom = Object.keys(overrides).length > 0 || (selected.length > 0 && selected.length < CASES.length);
  return {
    profile: { ...profile, ...overrides, ...(custom ? { custom: true } : {}) },
    cases: selected.length > 0 ? [...selected].sort((a, b) => a.number - b.number) : CASES,
    list,
    keep,
    passOn,
    resultFile,
  };
};

const runCase = async (benchCase: BenchCase, context: BenchContext): Promise<CaseResult> => {
  const started = Date.now();
  const base = { id: benchCase.id, number: benchCase.number, title: benchCase.title };
  try {
    const outcome = await benchCase.run(context);
    return {
      ...base,
      status: 'ok',
      durationMs: Date.now() - started,
      metrics: outcome.metrics,
      notes: outcome.notes ?? [],
      ...(outcome.details ? { details: outcome.details } : {}),
    };
  } catch (error) {
    const skipped = error instanceof SkipCase;
    if (!skipped) console.error(error);
    return {
      ...base,
      status: skipped ? 'skipped' : 'failed',
      reason: (error as Error).message,
      durationMs: Date.now() - started,
      metrics: [],
      notes: [],
    };
  }
};

async function main(): Promise<number> {
  let args: Arguments;
  try {
    args = parseArguments(process.argv.slice(2));
  } catch (error) {
    console.error((error as Error).message);
    return 2;
  }
  if (args.list) {
    for (const c of CASES) console.log(`${c.number}. ${c.id} — ${c.title}`);
    return 0;
  }
  if (args.resultFile) return runHere(args, args.resultFile);
  let unlock: () => Promise<void>;
  try {
    unlock = await lockBenchRun();
  } catch (error) {
    console.error((error as Error).message);
    return 2;
  }
  try {
    return await runCases(args);
  } finally {
    await unlock();
  }
}

/** Runs the selected cases (each in this process or its own), prints the table and writes the results file. */
async function runCases(args: Arguments): Promise<number> {
  const startedAt = new Date();
  const context = new BenchContext(
    args.profile,
    join(CACHE_DIR, `run-${startedAt.getTime()}-${process.pid}`),
  );
  const interrupted = () => {
    void context.close().finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  console.log(
    `bench: ${args.profile.name} profile, cases ${args.cases.map((c) => c.id).join(', ')} ` +
      `(${args.profile.runs} run(s) each)`,
  );
  const results: CaseResult[] = [];
  /** The main dataset's description from a case run in its own process (this one may never have loaded it). */
  let mainOfCases: MainMeta | null = null;
  try {
    for (const benchCase of args.cases) {
      console.log(`\n▶ ${benchCase.number}. ${benchCase.title}`);
      let result: CaseResult;
      if (benchCase.ownProcess) {
        const outcome = await runInOwnProcess(benchCase, args.passOn);
        result = outcome.result;
        mainOfCases = outcome.main ?? mainOfCases;
      } else {
        result = await runCase(benchCase, context);
      }
      results.push(result);
      const verdict =
        result.status === 'ok'
          ? result.metrics
              .filter((m) => m.goal)
              .map((m) => `${m.label}: ${m.value} ${m.unit} ${m.met ? '(met)' : '(missed)'}`)
              .join('; ') || 'done'
          : `${result.status}: ${result.reason ?? ''}`;
      console.log(`  ${verdict} — ${(result.durationMs / 1000).toFixed(1)} s`);
    }
  } finally {
    if (!args.keep) await context.close();
  }
  const finishedAt = new Date();
  const data: Record<string, unknown> = {};
  const main = (await context.mainIfLoaded())?.meta ?? mainOfCases;
  if (main) data.main = { ...main, liveNumbers: main.liveNumbers.length };
  const report: RunReport = {
    startedAt: startedAt.toISOString(),
    finishedAt: finishedAt.toISOString(),
    durationMs: finishedAt.getTime() - startedAt.getTime(),
    profile: args.profile,
    machine: machineInfo(),
    data,
    cases: results,
    summary: summarise(results),
  };
  console.log(`\n${renderTable(results)}\n`);
  for (const result of results) {
    for (const note of result.notes) console.log(`${result.number}. ${note}`);
  }
  const path = await writeReport(report);
  const { summary } = report;
  console.log(
    `\n${summary.met}/${summary.goals} goals met; ${summary.skipped.length} skipped, ${summary.failed.length} failed ` +
      `— ${(report.durationMs / 1000).toFixed(0)} s; results in ${path}`,
  );
  // Goals missed are findings, not failures; a case that could not run at all fails the command.
  return summary.failed.length > 0 ? 1 : 0;
}

/** Runs the one case selected in this process and writes its result to `resultFile` (see runInOwnProcess). */
async function runHere(args: Arguments, resultFile: string): Promise<number> {
  const [benchCase] = args.cases;
  if (args.cases.length !== 1) {
    console.error(`--result-file runs exactly one case\n${usage}`);
    return 2;
  }
  const context = new BenchContext(args.profile, join(CACHE_DIR, `run-${Date.now()}-${process.pid}`));
  let result: CaseResult;
  try {
    result = await runCase(benchCase, context);
  } finally {
    if (!args.keep) await context.close();
  }
  const main = (await context.mainIfLoaded())?.meta ?? null;
  writeFileSync(resultFile, JSON.stringify({ result, main }));
  return 0;
}

// Exit explicitly: a client library's idle socket or timer must not keep a finished run waiting.
main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
