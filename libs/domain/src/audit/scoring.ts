import { refuse } from '../shared/errors';
import type { EnhancementGroupCode, EvaluationResults, ManagementDimension } from '../shared/evaluation';
import { divideRoundingHalfUp, fromHundredths, toHundredths, toTenThousandths } from '../shared/exact-score';
import type { DimensionDefinition, EvaluationScheme } from '../scheme/evaluation-scheme';
import { validateScoreSheet } from './score-sheet';
import type { ScoreSheetInput } from './score-sheet';

/**
 * Why integers: an item score has at most 2 decimals and a C.5 weight at most 4, so a dimension is an exact
 * fraction (applicable hundredths / applicable maxima) and the composite Σ dimension × weight an exact fraction
 * too. Summing binary floats instead (0.1 + 0.2 = 0.30000000000000004) can land just below or above a .xx5
 * boundary and flip the one rounding the rule allows (R-SCORE-2). So every sum is taken in integers (BigInt
 * where the common denominator grows) and the value is rounded half up once, at the end.
 */

/** A dimension's exact score as hundredths-of-a-point fraction: applicable sum × 100 / applicable maxima. */
interface DimensionFraction {
  /** Σ applicable item scores, in hundredths. */
  scored: bigint;
  /** Σ applicable item maxima, in hundredths (the full 100.00 when every item applies). */
  applicableMax: bigint;
}

const dimensionFraction = (
  dimension: DimensionDefinition,
  input: ScoreSheetInput,
  sheets: Record<string, number>,
  notApplicable: EvaluationResults['notApplicable'],
): DimensionFraction => {
  let scored = 0;
  let applicableMax = 0;
  for (const sheet of dimension.sheets) {
    let sheetSum = 0;
    for (const item of sheet.items) {
      const entry = input.items[item.code];
      if (typeof entry === 'number') {
        sheetSum += toHundredths(entry);
        applicableMax += toHundredths(item.max);
      } else {
        notApplicable.push({ item: item.code, reason: entry.reason });
      }
    }
    sheets[sheet.code] = fromHundredths(sheetSum);
    scored += sheetSum;
  }
  return { scored: BigInt(scored), applicableMax: BigInt(applicableMax) };
};

/**
 * R-SCORE-1…5: the evaluation results of a score sheet under a scheme version's indicator system.
 * - dimension = Σ its items; with items not applicable, applicable sum ÷ applicable maxima × 100 (R-SCORE-1);
 * - composite = Σ dimension × C.5 weight, from the exact dimensions, rounded half up to 2 decimals once (R-SCORE-2);
 * - enhancement per group and in total; total per the scheme's policy (R-SCORE-3);
 * - conformity items and characteristics (with their test methods) as recorded (R-SCORE-4, R-SCORE-5).
 * Refuses with R-SCORE-1 and every problem when the sheet does not fit the scheme (see validateScoreSheet).
 */
export const computeResults = (
  input: ScoreSheetInput,
  scheme: EvaluationScheme,
  schemeVersion: string,
): EvaluationResults => {
  const problems = validateScoreSheet(input, scheme);
  if (problems.length > 0) refuse('R-SCORE-1', 'the score sheet does not fit the scheme', { problems });

  const sheets: Record<string, number> = {};
  const notApplicable: EvaluationResults['notApplicable'] = [];
  const management = {} as Record<ManagementDimension, number>;
  // Composite in hundredths = Σ (scored / applicableMax × 100 points) × (W / 10000) × 100 = Σ scored × W / applicableMax
  // with W the weight in ten-thousandths; summed as one fraction over the product of the denominators.
  let numerator = 0n;
  let denominator = 1n;
  for (const dimension of scheme.dimensions) {
    const { scored, applicableMax } = dimensionFraction(dimension, input, sheets, notApplicable);
    management[dimension.dimension] = fromHundredths(divideRoundingHalfUp(scored * 10_000n, applicableMax));
    const weighted = scored * BigInt(toTenThousandths(dimension.compositeWeight));
    numerator = numerator * applicableMax + weighted * denominator;
    denominator *= applicableMax;
  }
  const composite = divideRoundingHalfUp(numerator, denominator);

  const groups = {} as Record<EnhancementGroupCode, number>;
  let enhancementTotal = 0;
  for (const group of scheme.enhancement) {
    const sum = group.items.reduce((total, item) => total + toHundredths(input.enhancement[item.code]), 0);
    groups[group.code] = fromHundredths(sum);
    enhancementTotal += sum;
  }
  const total =
    scheme.enhancementPolicy === 'ADD_CAPPED_AT_100'
      ? Math.min(10_000, Number(composite) + enhancementTotal)
      : Number(composite);

  const characteristics = {} as EvaluationResults['characteristics'];
  const characteristicMethods = {} as EvaluationResults['characteristicMethods'];
  for (const { characteristic } of scheme.characteristics) {
    characteristics[characteristic] = input.characteristics[characteristic].score;
    characteristicMethods[characteristic] = [...input.characteristics[characteristic].methods];
  }
  const conformity = {} as EvaluationResults['conformity'];
  for (const { code } of scheme.conformityItems) conformity[code] = input.conformity[code].result;

  return {
    schemeVersion,
    characteristics,
    characteristicMethods,
    management,
    sheets,
    composite: fromHundredths(composite),
    enhancement: { groups, total: fromHundredths(enhancementTotal) },
    enhancementPolicy: scheme.enhancementPolicy,
    total: fromHundredths(total),
    conformity,
    notApplicable,
  };
};
