/** Order statistics of measurements (nearest-rank percentiles). */
export const percentile = (values: readonly number[], p: number): number => {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
};

export const median = (values: readonly number[]): number => {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

/** Largest value (NaN for none); no spread, so any number of values. */
export const maximum = (values: readonly number[]): number =>
  values.length === 0 ? Number.NaN : values.reduce((a, b) => (b > a ? b : a), values[0]);

export const mean = (values: readonly number[]): number =>
  values.length === 0 ? Number.NaN : values.reduce((a, b) => a + b, 0) / values.length;

/** Rounds for display and JSON: 3 significant decimals below 10, 2 below 100, 1 below 10,000, else integers. */
export const round = (value: number): number => {
  if (!Number.isFinite(value)) return value;
  const magnitude = Math.abs(value);
  const digits = magnitude < 10 ? 3 : magnitude < 100 ? 2 : magnitude < 10_000 ? 1 : 0;
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
};

/** Milliseconds since `start` (process.hrtime.bigint()). */
export const elapsedMs = (start: bigint): number => Number(process.hrtime.bigint() - start) / 1e6;
