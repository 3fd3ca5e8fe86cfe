import { scoreSheet } from '@app/testing';
import { badFieldsOf, problemsOf } from '../../common/dto-validation.fixtures';
import { RecordScoresDto } from './record-scores.dto';

describe('RecordScoresDto', () => {
  it('accepts a score sheet object; its items are checked against the scheme version by the domain', async () => {
    expect(await problemsOf(RecordScoresDto, { sheet: scoreSheet() })).toEqual([]);
  });

  it('refuses a missing sheet, a sheet that is not an object, and client-sent results', async () => {
    expect(await badFieldsOf(RecordScoresDto, {})).toEqual(['sheet']);
    expect(await badFieldsOf(RecordScoresDto, { sheet: [1, 2] })).toEqual(['sheet']);
    expect(await badFieldsOf(RecordScoresDto, { sheet: 'all good' })).toEqual(['sheet']);
    expect(await badFieldsOf(RecordScoresDto, { sheet: scoreSheet(), results: { composite: 99 } })).toEqual([
      'results',
    ]);
  });
});
