import autocannon from 'autocannon';
import { metric, type Metric } from './report';
import { maximum, mean, percentile } from './stats';

export interface LoadOptions {
  url: string;
  connections: number;
  durationS: number;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  /** Path of each request (called once per request): spreads commands and queries over many documents. */
  path: (index: number) => string;
}

/**
 * Time before the measured `durationS` on the same connections, whose requests are not measured. A loaded Node
 * server accepts one new connection per turn of its event loop, so the last of 32 connections opened at once waits
 * 32 turns for its first answer (~0.5–1 s under a command load): connection set-up, not the steady state of 32
 * keep-alive connections the figures describe.
 */
const WARM_UP_MS = 1_000;

export interface LoadResult {
  requests: number;
  /** Answers per second to the requests sent in the measured window. */
  throughput: number;
  /** Latencies of 2xx responses, ms (exact, from autocannon's per-response timing). */
  p50: number;
  p99: number;
  mean: number;
  max: number;
  /** Over the whole run, warm-up included: a failure is reported wherever it happens. */
  non2xx: number;
  errors: number;
  timeouts: number;
  /** Answers to the requests sent in the measured window, by status. */
  statusCodes: Record<string, number>;
  /** Every 2xx latency, ms, for percentiles over several runs. */
  latencies: number[];
}

/** How runLoad measures, for the notes of the cases that use it. */
export const MEASURED_WINDOW_NOTE =
  'Each run measures the requests sent after its first second on the same keep-alive connections: opening 32 ' +
  'connections at once on a loaded Node server is not measured (it accepts one per turn of its event loop). ' +
  'The fastest tenth (p10) is the floor of a closed loop: each connection sends its next request when answered, ' +
  "so even those requests wait for the other connections' ones ahead of them, about 32 times what one request " +
  'costs the API thread — no work on the tail brings the p99 below it.';

/** The tenth percentile of a closed-loop load's latencies: its floor (MEASURED_WINDOW_NOTE). */
export const fastestTenth = (id: string, label: string, latencies: readonly number[]): Metric =>
  metric({
    id: `${id}-p10`,
    label: `${label}: fastest tenth (p10)`,
    unit: 'ms',
    value: percentile(latencies, 10),
  });

/**
 * A closed-loop load of `connections` keep-alive connections with autocannon: WARM_UP_MS unmeasured, then
 * `durationS` seconds whose requests are measured (a request counts when it was sent in that window). Latencies
 * are taken from each response (autocannon's own histogram rounds to whole milliseconds).
 */
export const runLoad = async (options: LoadOptions): Promise<LoadResult> => {
  let index = 0;
  const latencies: number[] = [];
  const statusCodes: Record<string, number> = {};
  const measuredFrom = performance.now() + WARM_UP_MS;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: options.url,
        connections: options.connections,
        duration: WARM_UP_MS / 1000 + options.durationS,
        pipelining: 1,
        timeout: 10,
        requests: [
          {
            method: options.method ?? 'GET',
            headers: options.headers,
            body: options.body,
            setupRequest: (request) => ({ ...request, path: options.path(index++) }),
          },
        ],
      },
      (error: unknown, finished: autocannon.Result) => (error ? reject(error as Error) : resolve(finished)),
    );
    instance.on('response', (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
      if (performance.now() - responseTime < measuredFrom) return;
      statusCodes[statusCode] = (statusCodes[statusCode] ?? 0) + 1;
      if (statusCode >= 200 && statusCode < 300) latencies.push(responseTime);
    });
  });
  const requests = Object.values(statusCodes).reduce((a, b) => a + b, 0);
  return {
    requests,
    // Answers to the requests sent in the window; the last ones sent are cut off unanswered (at most one per
    // connection), as in any fixed-length run.
    throughput: requests / options.durationS,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    mean: mean(latencies),
    max: maximum(latencies),
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    statusCodes,
    latencies,
  };
};
