import { HttpException } from '@nestjs/common';
import { DomainError } from '@app/domain';
import { asScoreSheetValidationError } from './score-sheet-errors';

describe('asScoreSheetValidationError (R-SCORE-1 → 400 VALIDATION_FAILED)', () => {
  it('turns every problem of a refused sheet into a bad field of the body, grouped by field', () => {
    const refused = new DomainError('R-SCORE-1', 'the score sheet is invalid', {
      problems: [
        { field: 'items.STRATEGY.GOALS.CLARITY', problem: 'above the maximum 10' },
        { field: 'items.STRATEGY.GOALS.CLARITY', problem: 'more than 2 decimals' },
        { field: 'characteristics.CUSTOMER_EXPERIENCE', problem: 'missing' },
        { field: '', problem: 'expected a score sheet object' },
      ],
    });
    const mapped = asScoreSheetValidationError(refused) as HttpException;
    expect(mapped.getStatus()).toBe(400);
    expect(mapped.getResponse()).toEqual({
      statusCode: 400,
      code: 'VALIDATION_FAILED',
      message: 'The score sheet has 3 invalid fields',
      details: [
        {
          field: 'sheet.items.STRATEGY.GOALS.CLARITY',
          problems: ['above the maximum 10 (R-SCORE-1)', 'more than 2 decimals (R-SCORE-1)'],
        },
        { field: 'sheet.characteristics.CUSTOMER_EXPERIENCE', problems: ['missing (R-SCORE-1)'] },
        { field: 'sheet', problems: ['expected a score sheet object (R-SCORE-1)'] },
      ],
    });
  });

  it('leaves other errors as they are', () => {
    const other = new DomainError('R-AUD-3', 'only the audit team records scores');
    expect(asScoreSheetValidationError(other)).toBe(other);
    const plain = new Error('disk full');
    expect(asScoreSheetValidationError(plain)).toBe(plain);
  });
});
