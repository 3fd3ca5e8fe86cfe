import { availableParallelism } from 'node:os';
import type { BenchCase } from '../lib/case';
import {
  apiStatsBetween,
  scrapeApiStats,
  shareOver,
  type ApiStats,
  type HistogramStats,
} from '../lib/api-stats';
import { BenchChild } from '../lib/children';
import type { BenchContext } from '../lib/context';
import { fastestTenth, MEASURED_WINDOW_NOTE, runLoad, type LoadResult } from '../lib/load';
import { metric } from '../lib/report';
import { median, percentile } from '../lib/stats';
import { LoadCpu } from '../lib/thread-cpu';
import { walkFiles } from '../lib/file-walk';

export const CONNECTIONS = 32;

/** One of the API's histograms as two figures: its mean (ms) and its share over 25 ms (%). */
const meanAndTail = (
  stats: HistogramStats,
  [meanId, meanLabel]: [string, string],
  [tailId, tailLabel]: [string, string],
) => [
  metric({
    id: meanId,
    label: meanLabel,
    unit: 'ms',
    value: stats.count === 0 ? 0 : (1000 * stats.sum) / stats.count,
  }),
  metric({ id: tailId, label: tailLabel, unit: '%', value: 100 * shareOver(stats, 0.025) }),
];

/** Case 2: commands over HTTP against the embedded API, and Nest's bare `hello` route as the ceiling, same run. */
export const httpCommandsCase: BenchCase = {
  id: 'http',
  number: 2,
  title: 'HTTP commands, 32 connections',
  async run(context: BenchContext) {
    const { profile } = context;
    const api = await context.api();
    const hello = await BenchChild.start('bench/server/hello-server.ts', {});
    const numbers = api.dataset.meta.liveNumbers;
    let offset = 0;
    const commands = (durationS: number): Promise<LoadResult> => {
      const start = offset;
      return runLoad({
        url: api.url,
        connections: CONNECTIONS,
        durationS,
        method: 'POST',
        headers: { authorization: `Bearer ${api.tokens.registry}`, 'content-type': 'application/json' },
        body: JSON.stringify({ reason: 'LOST' }),
        // One certificate per request, round-robin over the live ones: no two requests in flight share a stream.
        path: (index) => {
          offset = start + index + 1;
          return `/api/v1/certificates/${numbers[(start + index) % numbers.length]}/reissue`;
        },
      });
    };
    const helloUrl = `http://127.0.0.1:${String((await hello.waitFor('ready', 60_000)).port)}`;
    const ceiling = (durationS: number) =>
      runLoad({ url: helloUrl, connections: CONNECTIONS, durationS, path: () => '/hello' });
    const helloRuns: LoadResult[] = [];
    const commandRuns: LoadResult[] = [];
    // The API's own measurements over the measured runs (it serves nothing while hello runs: the command route and
    // the group commits).
    let inside: ApiStats;
    // Where the two cores went while the commands ran (the API's threads, and autocannon in this process), and the
    // command runs' length.
    const cpu = new LoadCpu(api.child.pid);
    try {
      const warm = Math.max(1, Math.round(profile.httpSeconds / 5));
      await ceiling(warm);
      api.child.phase = 'http-commands';
      await commands(warm);
      const before = await scrapeApiStats(api.url);
      for (let run = 0; run < Math.min(profile.runs, 3); run++) {
        helloRuns.push(await ceiling(profile.httpSeconds));
        commandRuns.push(await cpu.during(() => commands(profile.httpSeconds)));
      }
      inside = apiStatsBetween(before, await scrapeApiStats(api.url));
    } finally {
      api.child.phase = 'idle';
      await hello.stop();
    }
    api.child.assertRunning();
    // The API idle again: a few files through every command, one at a time.
    const walk = await walkFiles(api.url, api.fileUsers, Math.min(profile.runs, 5));
    const steps = [...walk].map(([label, ms]) => ({ label, ms: median(ms) }));
    const slowest = steps.reduce((a, b) => (b.ms > a.ms ? b : a));
    const perFile = [...walk.values()][0].map((_, file) =>
      [...walk.values()].reduce((sum, ms) => sum + ms[file], 0),
    );
    // autocannon counts timeouts among its errors.
    const failures = commandRuns.reduce((n, r) => n + r.non2xx + r.errors, 0);
    const codes: Record<string, number> = {};
    for (const run of commandRuns) {
      for (const [code, n] of Object.entries(run.statusCodes)) codes[code] = (codes[code] ?? 0) + n;
    }
    const commandRates = commandRuns.map((r) => r.throughput);
    const helloRates = helloRuns.map((r) => r.throughput);
    const ratioRuns = commandRuns.map((r, i) => r.throughput / helloRuns[i].throughput);
    const latencies = commandRuns.flatMap((r) => r.latencies);
    const { commits, commands: insideApi } = inside;
    return {
      metrics: [
        metric({
          id: 'commands',
          label: 'commands (POST …/reissue)',
          unit: 'cmd/s',
          value: median(commandRates),
          runs: commandRates,
          goal: { op: '>=', value: 1500 },
        }),
        metric({
          id: 'commands-latency',
          label: 'commands: latency',
          unit: 'ms',
          value: median(latencies),
          p99: percentile(latencies, 99),
          goal: { op: '<=', value: 25 },
          goalOn: 'p99',
        }),
        fastestTenth('commands', 'commands', latencies),
        metric({
          id: 'commands-over-25ms',
          label: 'commands over 25 ms, as the load generator saw them',
          unit: '%',
          value:
            latencies.length === 0 ? 0 : (100 * latencies.filter((ms) => ms > 25).length) / latencies.length,
        }),
        ...meanAndTail(
          insideApi,
          ['inside-api-mean', 'commands inside the API (onRequest → onResponse): mean'],
          ['inside-api-over-25ms', 'commands inside the API over 25 ms'],
        ),
        metric({
          id: 'commit-share',
          label: 'API thread inside group commits',
          unit: '%',
          value: (100 * commits.sum) / cpu.seconds,
        }),
        ...meanAndTail(
          commits,
          ['commit-mean', 'group commit (fsync included): mean'],
          ['commits-over-25ms', 'group commits over 25 ms'],
        ),
        metric({
          id: 'group-size',
          label: 'appends per group commit',
          unit: 'appends',
          value: commits.count === 0 ? 0 : commits.appends / commits.count,
        }),
        ...cpu.metrics(),
        metric({
          id: 'file-walk',
          label: "a file's every command, one at a time (12): all of them",
          unit: 'ms',
          value: median(perFile),
          runs: perFile,
        }),
        metric({
          id: 'file-walk-slowest',
          label: `… the slowest: ${slowest.label}`,
          unit: 'ms',
          value: slowest.ms,
        }),
        metric({
          id: 'hello',
          label: "Nest's bare hello route (ceiling)",
          unit: 'req/s',
          value: median(helloRates),
          runs: helloRates,
        }),
        metric({
          id: 'hello-latency',
          label: 'hello: latency',
          unit: 'ms',
          value: median(helloRuns.flatMap((r) => r.latencies)),
          p99: percentile(
            helloRuns.flatMap((r) => r.latencies),
            99,
          ),
        }),
        metric({
          id: 'commands-vs-hello',
          label: 'commands ÷ hello',
          unit: '×',
          value: median(ratioRuns),
          runs: ratioRuns,
        }),
      ],
      notes: [
        `autocannon, ${CONNECTIONS} connections, ${profile.httpSeconds} s per run, ${commandRuns.length} run(s); the real ` +
          `API (AppModule, JWT guard, validation, pino logs at info, projector and timers on) in its own process on a ` +
          `copy of the ${api.dataset.meta.certificates.toLocaleString()}-certificate dataset, SQLite FULL; ` +
          `ReissueCertificate round-robin over ${numbers.length.toLocaleString()} live certificates. ` +
          `Status codes: ${JSON.stringify(codes)}. ${MEASURED_WINDOW_NOTE}`,
        "Inside the API and group commits: from the API's own metrics (http_request_duration_seconds of the command " +
          "route, from Fastify's onRequest to its onResponse hook; eventstore_commit_seconds), scraped before and after " +
          "the measured runs (warm-up seconds included). A command is answered after its group's commit, and the " +
          'one API thread serves nothing else while it runs a command or a commit (with its fsync under FULL): what ' +
          'the load generator sees beyond the time inside the API is the wait before the API thread reads a request, ' +
          'and the load generator itself sharing the cores.',
        `A file's every command (${perFile.length} file(s) of a new organisation each, after the runs, on the ` +
          `dataset's clock): ${steps.map(({ label, ms }) => `${label} ${ms.toFixed(1)} ms`).join(', ')} (medians).`,
        `CPU over the measured command runs (/proc, Linux only), in % of one core (this machine has ` +
          `${availableParallelism()}): the API's main thread, and the time it was ready to run but waited for a ` +
          "core; its other threads — the background thread (projector, timers, at BACKGROUND_NICE) with V8's and " +
          "libuv's threads of both; and the load generator's thread.",
        ...(failures > 0
          ? [`${failures} command request(s) did not succeed (non-2xx, errors or timeouts).`]
          : []),
      ],
      details: { statusCodes: codes, apiStartupMs: api.startupMs },
    };
  },
};
