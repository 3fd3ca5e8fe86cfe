import { CMM_525_0002_V1, type ConformityItemCode, type ScoreSheetInput } from '@app/domain';

/** The characteristic results of a good file (R-SCORE-5) and how each was tested (§5.1.2). */
const CHARACTERISTICS: ScoreSheetInput['characteristics'] = {
  SERVICE_CAPABILITY: { score: 88, methods: ['SYSTEM_TEST', 'DATA_ANALYSIS'] },
  SUBSTITUTION_CAPABILITY: { score: 81, methods: ['SYSTEM_TEST', 'DATA_ANALYSIS'] },
  BUSINESS_CAPABILITY: { score: 84, methods: ['DOCUMENT_REVIEW', 'DATA_ANALYSIS'] },
  CUSTOMER_EXPERIENCE: { score: 90, methods: ['ON_SITE_OBSERVATION', 'DATA_ANALYSIS'] },
};

/**
 * The Annex D sheet a demo auditor fills for a good file under the shipped scheme: every management item at
 * `fraction` of its maximum (rounded to the half point), each enhancement item at half its maximum, both conformity
 * items conform.
 */
export const demoScoreSheet = (fraction = 0.85): ScoreSheetInput => {
  const { evaluation } = CMM_525_0002_V1;
  const halfPoints = (value: number) => Math.round(value * 2) / 2;
  const items = Object.fromEntries(
    evaluation.dimensions.flatMap((d) =>
      d.sheets.flatMap((sheet) => sheet.items.map((item) => [item.code, halfPoints(item.max * fraction)])),
    ),
  );
  const enhancement = Object.fromEntries(
    evaluation.enhancement.flatMap((group) =>
      group.items.map((item) => [item.code, halfPoints(item.max / 2)]),
    ),
  );
  const conformity = Object.fromEntries(
    evaluation.conformityItems.map(({ code }) => [code, { result: 'CONFORM' }]),
  ) as Record<ConformityItemCode, { result: 'CONFORM' }>;
  return { items, enhancement, conformity, characteristics: CHARACTERISTICS };
};
