import { availableParallelism } from 'node:os';
import { CMM_525_0002_V1, formatCertificateNumber } from '@app/domain';
import type { BenchCase } from '../lib/case';
import type { BenchContext } from '../lib/context';
import { fastestTenth, MEASURED_WINDOW_NOTE, runLoad, type LoadResult } from '../lib/load';
import { metric } from '../lib/report';
import { median, percentile } from '../lib/stats';
import { LoadCpu } from '../lib/thread-cpu';
import { CONNECTIONS } from './http-commands';

const statusCodesOf = (runs: readonly LoadResult[]): Record<string, number> => {
  const codes: Record<string, number> = {};
  for (const run of runs)
    for (const [code, n] of Object.entries(run.statusCodes)) codes[code] = (codes[code] ?? 0) + n;
  return codes;
};

const sumOf = (runs: readonly LoadResult[], count: (run: LoadResult) => number): number =>
  runs.reduce((n, run) => n + count(run), 0);

/** Requests without a 2xx answer: other answers, and requests with none (autocannon's errors include timeouts). */
const failuresOf = (runs: readonly LoadResult[]): number => sumOf(runs, (run) => run.non2xx + run.errors);

const failureNote = (runs: readonly LoadResult[]): string =>
  `${failuresOf(runs)} request(s) did not succeed: ${sumOf(runs, (run) => run.non2xx)} answered ` +
  `other than 2xx (all answers by status: ${JSON.stringify(statusCodesOf(runs))}), ` +
  `${sumOf(runs, (run) => run.timeouts)} timed out, ${sumOf(runs, (run) => run.errors - run.timeouts)} failed otherwise.`;

/** A route's latency over every run (median, p99 — judged against `p99Goal`, ms) and its median throughput. */
const routeMetrics = (id: string, label: string, runs: readonly LoadResult[], p99Goal?: number) => {
  const latencies = runs.flatMap((run) => run.latencies);
  return [
    metric({
      id: `${id}-latency`,
      label: `${label}: latency`,
      unit: 'ms',
      value: median(latencies),
      p99: percentile(latencies, 99),
      ...(p99Goal === undefined
        ? {}
        : { goal: { op: '<=' as const, value: p99Goal }, goalOn: 'p99' as const }),
    }),
    fastestTenth(id, label, latencies),
    metric({ id, label, unit: 'req/s', value: median(runs.map((run) => run.throughput)) }),
  ];
};

/** A deterministic pseudo-random sequence (the same queries on every run). */
const scramble = (index: number, modulus: number): number => (index * 2_654_435_761) % modulus;

/** Case 4: the public registry's search and detail queries on the main dataset, 32 connections. */
export const registryCase: BenchCase = {
  id: 'registry',
  number: 4,
  title: 'Registry queries, 32 connections',
  async run(context: BenchContext) {
    const { profile } = context;
    const api = await context.api();
    const { brands, certificates, year } = api.dataset.meta;
    const numberOf = (index: number) =>
      formatCertificateNumber(CMM_525_0002_V1, year, 1 + scramble(index, certificates));
    // Half holder-name substrings (a brand: a few dozen holders each among 100k), half exact numbers.
    const searchPath = (index: number) =>
      `/api/v1/registry/certificates?q=${encodeURIComponent(index % 2 === 0 ? brands[index % brands.length] : numberOf(index))}&page=1&pageSize=20`;
    const detailPath = (index: number) => `/api/v1/registry/certificates/${numberOf(index)}`;
    const load = (path: (index: number) => string, connections: number, durationS: number) =>
      runLoad({ url: api.url, connections, durationS, path });
    // Where the two cores went during the measured runs of each route: the API's threads, and autocannon here.
    const searchCpu = new LoadCpu(api.child.pid);
    const detailCpu = new LoadCpu(api.child.pid);

    const search: LoadResult[] = [];
    const detail: LoadResult[] = [];
    // The API's own floor: its liveness route reads nothing, but passes through everything a registry query does
    // (Fastify, Nest, the request log, metrics, headers).
    const live: LoadResult[] = [];
    const runs = Math.min(profile.runs, 3);
    api.child.phase = 'registry';
    try {
      const warm = Math.max(1, Math.round(profile.httpSeconds / 5));
      await load(searchPath, CONNECTIONS, warm);
      await load(detailPath, CONNECTIONS, warm);
      for (let run = 0; run < runs; run++) {
        search.push(await searchCpu.during(() => load(searchPath, CONNECTIONS, profile.httpSeconds)));
        detail.push(await detailCpu.during(() => load(detailPath, CONNECTIONS, profile.httpSeconds)));
        live.push(await load(() => '/health/live', CONNECTIONS, profile.httpSeconds));
      }
      // Service time without queueing: one connection (what a single query costs the server).
      const serviceSeconds = Math.max(1, Math.round(profile.httpSeconds / 2));
      const searchAlone = await load(searchPath, 1, serviceSeconds);
      const detailAlone = await load(detailPath, 1, serviceSeconds);
      api.child.assertRunning();
      const failures = failuresOf([...search, ...detail, ...live]);
      return {
        metrics: [
          ...routeMetrics('search', 'search', search, 5),
          ...routeMetrics('detail', 'detail', detail, 3),
          ...routeMetrics('live', 'liveness route (no query)', live),
          ...searchCpu.metrics('search'),
          ...detailCpu.metrics('detail'),
          metric({
            id: 'search-alone',
            label: 'search, 1 connection: latency',
            unit: 'ms',
            value: searchAlone.p50,
            p99: searchAlone.p99,
          }),
          metric({
            id: 'detail-alone',
            label: 'detail, 1 connection: latency',
            unit: 'ms',
            value: detailAlone.p50,
            p99: detailAlone.p99,
          }),
        ],
        notes: [
          `GET /api/v1/registry/certificates?q=… (half holder-name substrings, half exact numbers) and …/{number} on ` +
            `${certificates.toLocaleString()} certificates, autocannon ${CONNECTIONS} connections (closed loop: each ` +
            `sends its next request when answered), ${profile.httpSeconds} s × ${runs} run(s) each; 1-connection ` +
            'figures show the time one query costs the server without queueing. The liveness route, same ' +
            'connections and runs, is the floor of any route of this API (it reads nothing): what the framework, the ' +
            `request log and the metrics cost a request at this load on this host. ${MEASURED_WINDOW_NOTE}`,
          `CPU over the measured search and detail runs (/proc, Linux only), in % of one core (this machine has ` +
            `${availableParallelism()}): the API's main thread and the time it was ready to run but waited for a ` +
            "core, its other threads, and the load generator's thread.",
          ...(failures > 0 ? [failureNote([...search, ...detail, ...live])] : []),
        ],
      };
    } finally {
      api.child.phase = 'idle';
    }
  },
};
