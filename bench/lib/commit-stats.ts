/**
 * The API's group commits over a stretch of a run, from its Prometheus metrics (`eventstore_commit_seconds`,
 * `eventstore_commit_appends_total`): scraped before and after, the difference is what that stretch committed.
 */
export interface CommitStats {
  groups: number;
  appends: number;
  /** Time the API thread spent inside group commits, s. */
  seconds: number;
  /** Groups whose commit took at most each bucket's bound (s), cumulative, by bound. */
  buckets: Map<number, number>;
}

const valueOf = (text: string, name: string): number => {
  const line = new RegExp(`^${name} (\\S+)$`, 'm').exec(text);
  if (!line) throw new Error(`the API's /metrics has no ${name}`);
  return Number(line[1]);
};

/** The API's group-commit counters now. */
export const scrapeCommitStats = async (url: string): Promise<CommitStats> => {
  const response = await fetch(`${url}/metrics`);
  if (!response.ok) throw new Error(`GET /metrics answered ${response.status}`);
  const text = await response.text();
  const buckets = new Map<number, number>();
  for (const [, bound, count] of text.matchAll(
    /^eventstore_commit_seconds_bucket\{le="([^"]+)"\} (\S+)$/gm,
  )) {
    if (bound !== '+Inf') buckets.set(Number(bound), Number(count));
  }
  return {
    groups: valueOf(text, 'eventstore_commit_seconds_count'),
    appends: valueOf(text, 'eventstore_commit_appends_total'),
    seconds: valueOf(text, 'eventstore_commit_seconds_sum'),
    buckets,
  };
};

/** What was committed between two scrapes. */
export const commitsBetween = (before: CommitStats, after: CommitStats): CommitStats => ({
  groups: after.groups - before.groups,
  appends: after.appends - before.appends,
  seconds: after.seconds - before.seconds,
  buckets: new Map(
    [...after.buckets].map(([bound, count]) => [bound, count - (before.buckets.get(bound) ?? 0)]),
  ),
});

/** The share of groups whose commit took longer than `bound` seconds (a bucket bound of the histogram). */
export const shareOver = (stats: CommitStats, bound: number): number => {
  const within = stats.buckets.get(bound);
  if (within === undefined) throw new Error(`no bucket at ${bound} s`);
  return stats.groups === 0 ? 0 : (stats.groups - within) / stats.groups;
};
