/**
 * The API's own measurements over a stretch of a run, from its Prometheus metrics: scraped before and after, the
 * difference is what that stretch did. Group commits (`eventstore_commit_seconds`, `eventstore_commit_appends_total`)
 * and the time a route's requests spent inside the API (`http_request_duration_seconds`, from Fastify's
 * `onRequest` to its `onResponse`).
 */
export interface HistogramStats {
  count: number;
  /** Seconds, summed. */
  sum: number;
  /** Observations of at most each bucket's bound (s), cumulative, by bound. */
  buckets: Map<number, number>;
}

interface CommitStats extends HistogramStats {
  appends: number;
}

export interface ApiStats {
  commits: CommitStats;
  /** The commands' requests (the route `COMMAND_ROUTE`). */
  commands: HistogramStats;
}

/** The route template the HTTP case's commands go to, as the API labels its request metrics. */
const COMMAND_ROUTE = '/api/v1/certificates/:number/reissue';

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** A histogram's series; `labels`: its label pairs besides `le`, as the exposition writes them (`a="…",b="…"`). */
const histogramOf = (text: string, name: string, labels = ''): HistogramStats => {
  const single = (suffix: string): number => {
    const series = `${name}_${suffix}${labels === '' ? '' : `{${labels}}`}`;
    const line = new RegExp(`^${escape(series)} (\\S+)$`, 'm').exec(text);
    if (!line) throw new Error(`the API's /metrics has no ${series}`);
    return Number(line[1]);
  };
  const buckets = new Map<number, number>();
  const others = labels === '' ? '' : `,${escape(labels)}`;
  const bucketLine = new RegExp(`^${name}_bucket\\{le="([^"]+)"${others}\\} (\\S+)$`, 'gm');
  for (const [, bound, count] of text.matchAll(bucketLine)) {
    if (bound !== '+Inf') buckets.set(Number(bound), Number(count));
  }
  return { count: single('count'), sum: single('sum'), buckets };
};

/** The API's counters now. Its command route has no series before its first command: zero then. */
export const scrapeApiStats = async (url: string): Promise<ApiStats> => {
  const response = await fetch(`${url}/metrics`);
  if (!response.ok) throw new Error(`GET /metrics answered ${response.status}`);
  const text = await response.text();
  const appends = /^eventstore_commit_appends_total (\S+)$/m.exec(text);
  if (!appends) throw new Error("the API's /metrics has no eventstore_commit_appends_total");
  const routeLabels = `method="POST",route="${COMMAND_ROUTE}"`;
  return {
    commits: { ...histogramOf(text, 'eventstore_commit_seconds'), appends: Number(appends[1]) },
    commands: text.includes(`route="${COMMAND_ROUTE}"`)
      ? histogramOf(text, 'http_request_duration_seconds', routeLabels)
      : { count: 0, sum: 0, buckets: new Map() },
  };
};

const histogramBetween = (before: HistogramStats, after: HistogramStats): HistogramStats => ({
  count: after.count - before.count,
  sum: after.sum - before.sum,
  buckets: new Map(
    [...after.buckets].map(([bound, count]) => [bound, count - (before.buckets.get(bound) ?? 0)]),
  ),
});

/** What the API did between two scrapes. */
export const apiStatsBetween = (before: ApiStats, after: ApiStats): ApiStats => ({
  commits: {
    ...histogramBetween(before.commits, after.commits),
    appends: after.commits.appends - before.commits.appends,
  },
  commands: histogramBetween(before.commands, after.commands),
});

/** The share of observations over `bound` seconds (a bucket bound of the histogram). */
export const shareOver = (stats: HistogramStats, bound: number): number => {
  const within = stats.buckets.get(bound);
  if (within === undefined) throw new Error(`no bucket at ${bound} s`);
  return stats.count === 0 ? 0 : (stats.count - within) / stats.count;
};
