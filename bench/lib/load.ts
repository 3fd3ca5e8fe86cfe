import autocannon from 'autocannon';
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

export interface LoadResult {
  requests: number;
  /** Responses per second over the run. */
  throughput: number;
  /** Latencies of 2xx responses, ms (exact, from autocannon's per-response timing). */
  p50: number;
  p99: number;
  mean: number;
  max: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
  /** Every 2xx latency, ms, for percentiles over several runs. */
  latencies: number[];
}

/**
 * A closed-loop load of `connections` keep-alive connections for `durationS` seconds with autocannon. Latencies
 * are taken from each response (autocannon's own histogram rounds to whole milliseconds).
 */
export const runLoad = async (options: LoadOptions): Promise<LoadResult> => {
  let index = 0;
  const latencies: number[] = [];
  const statusCodes: Record<string, number> = {};
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: options.url,
        connections: options.connections,
        duration: options.durationS,
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
      statusCodes[statusCode] = (statusCodes[statusCode] ?? 0) + 1;
      if (statusCode >= 200 && statusCode < 300) latencies.push(responseTime);
    });
  });
  const requests = Object.values(statusCodes).reduce((a, b) => a + b, 0);
  return {
    requests,
    throughput: requests / (result.duration || options.durationS),
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
