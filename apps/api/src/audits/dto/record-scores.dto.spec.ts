import type { RecordScoresCommand } from '@app/certification';
import { badFieldsOf, problemsOf, withField, withFields } from '../../common/dto-validation.fixtures';
import { RecordScoresDto } from './record-scores.dto';

const scores: RecordScoresCommand['input'] = {
  sheets: { annexC: { 'C.1.1': 4, notes: ['free', { form: true }] }, annexD: {} },
  results: {
    characteristics: {
      SERVICE_CAPABILITY: 86,
      SUBSTITUTION_CAPABILITY: 81,
      BUSINESS_CAPABILITY: 84,
      CUSTOMER_EXPERIENCE: 88,
    },
    management: { STRATEGY: 80, CAPABILITY: 83, OPERATIONS: 79, MULTIMODAL: 77 },
    composite: 83.4,
  },
};

describe('RecordScoresDto', () => {
  it('accepts complete results and score sheets of any shape', async () => {
    expect(await problemsOf(RecordScoresDto, scores)).toEqual([]);
    expect(
      await problemsOf(
        RecordScoresDto,
        withFields(scores, { 'results.composite': 0, 'results.management.STRATEGY': 100 }),
      ),
    ).toEqual([]);
  });

  it('reports every missing characteristic and dimension and the composite', async () => {
    const input = withFields(scores, {
      'results.characteristics.CUSTOMER_EXPERIENCE': undefined,
      'results.management.MULTIMODAL': undefined,
      'results.composite': undefined,
    });
    expect(await badFieldsOf(RecordScoresDto, input)).toEqual([
      'results.characteristics.CUSTOMER_EXPERIENCE',
      'results.composite',
      'results.management.MULTIMODAL',
    ]);
  });

  it('reports scores out of 0–100 and non-numbers', async () => {
    const input = withFields(scores, {
      'results.characteristics.SERVICE_CAPABILITY': 100.01,
      'results.management.STRATEGY': -1,
      'results.management.CAPABILITY': '83',
      'results.composite': 101,
    });
    expect(await badFieldsOf(RecordScoresDto, input)).toEqual([
      'results.characteristics.SERVICE_CAPABILITY',
      'results.composite',
      'results.management.CAPABILITY',
      'results.management.STRATEGY',
    ]);
  });

  it('reports unknown dimensions, and sheets that are not an object', async () => {
    const input = withFields(scores, { 'results.management.SECURITY': 90, sheets: [1, 2] });
    expect(await badFieldsOf(RecordScoresDto, input)).toEqual(['results.management.SECURITY', 'sheets']);
    expect(await badFieldsOf(RecordScoresDto, withField(scores, 'results', undefined))).toEqual(['results']);
  });
});
