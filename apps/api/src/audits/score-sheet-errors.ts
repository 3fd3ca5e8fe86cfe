import { HttpStatus } from '@nestjs/common';
import { DomainError, type ScoreProblem } from '@app/domain';
import { httpError } from '../platform/http-error';
import type { FieldProblem } from '../platform/validation';

/**
 * A score sheet refused item by item (R-SCORE-1) is bad input: answered like every validation error, 400
 * VALIDATION_FAILED with every bad field of the body (`sheet.items.STRATEGY.GOALS.CLARITY`), the rule id in each problem.
 */
export const asScoreSheetValidationError = (error: unknown): unknown => {
  if (!(error instanceof DomainError) || error.code !== 'R-SCORE-1') return error;
  const problems = (error.details as { problems?: ScoreProblem[] } | undefined)?.problems;
  if (!Array.isArray(problems) || problems.length === 0) return error;
  const byField = new Map<string, string[]>();
  for (const { field, problem } of problems) {
    const path = field === '' ? 'sheet' : `sheet.${field}`;
    byField.set(path, [...(byField.get(path) ?? []), `${problem} (R-SCORE-1)`]);
  }
  const details: FieldProblem[] = [...byField].map(([field, list]) => ({ field, problems: list }));
  return httpError(
    HttpStatus.BAD_REQUEST,
    'VALIDATION_FAILED',
    `The score sheet has ${details.length} invalid field${details.length === 1 ? '' : 's'}`,
    details,
  );
};
