/**
 * Exact decimal arithmetic for scores. Scores and maxima carry at most 2 decimals and weights at most 4, so
 * they are held as integers (hundredths of a point, ten-thousandths of a weight) and every sum and product is
 * exact: 0.1 + 0.2 artefacts of binary floating point can never push a value across a rounding boundary.
 */

/** True when `value` is a finite number written with at most `decimals` decimals (e.g. 7.25, not 7.255). */
export const hasAtMostDecimals = (value: number, decimals: number): boolean => {
  const scale = 10 ** decimals;
  // k / scale is the double nearest to the decimal k/scale, i.e. exactly how the literal was parsed.
  return Number.isFinite(value) && Math.round(value * scale) / scale === value;
};

/** A score or maximum with at most 2 decimals, in hundredths of a point. */
export const toHundredths = (value: number): number => Math.round(value * 100);

/** A weight with at most 4 decimals, in ten-thousandths. */
export const toTenThousandths = (value: number): number => Math.round(value * 10_000);

/** Hundredths back to points: the double nearest to the 2-decimal value. */
export const fromHundredths = (hundredths: number | bigint): number => Number(hundredths) / 100;

/** numerator / denominator rounded half up to an integer; both non-negative, denominator positive. */
export const divideRoundingHalfUp = (numerator: bigint, denominator: bigint): bigint =>
  (2n * numerator + denominator) / (2n * denominator);
