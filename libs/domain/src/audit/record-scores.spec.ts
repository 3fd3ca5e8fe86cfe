import { CMM_525_0002_V1, SchemeCatalogue } from '@app/domain';
import { actors, ctx, resultsOf, reweightedScheme, scoreSheet, spec } from '@app/testing';
import { auditDecider } from './audit.decider';
import {
  RESULTS,
  SHEET,
  T,
  auditCommand,
  auditScheduled,
  historyUntil,
  reviewCompleted,
  scoresRecorded,
} from './audit.fixtures';
import type { ScoresRecorded } from './events';

const audit = spec(auditDecider);
// Version B changes the C.5 weights: 0.25 + 0.30 + 0.30 + 0.15 = 1.
const V2 = reweightedScheme('V2.0', { STRATEGY: 0.25, CAPABILITY: 0.3, OPERATIONS: 0.3, MULTIMODAL: 0.15 });
const bothVersions = SchemeCatalogue.load([CMM_525_0002_V1, V2]);

const record = (sheet: unknown = SHEET, schemes = bothVersions) =>
  auditCommand('RecordScores', { sheet } as never, ctx(actors.auditor, T.findings, schemes));

/** The audit in progress, without scores, scheduled under `schemeVersion`. */
const inProgressUnder = (schemeVersion: string) =>
  historyUntil('IN_PROGRESS', { withScores: false, scheduled: auditScheduled({ schemeVersion }) });

describe('RecordScores (R-SCORE-1…5)', () => {
  it('R-SCORE-1 computes the results from the sheet under the audit scheme version', () => {
    audit
      .given(inProgressUnder(CMM_525_0002_V1.id))
      .when(record())
      .thenEvents(([event], state) => {
        const { results } = (event as ScoresRecorded).data;
        // 82×0.20 + 79×0.35 + 84×0.35 + 75×0.10 = 16.4 + 27.65 + 29.4 + 7.5 = 80.95
        expect(results).toMatchObject({ schemeVersion: 'CMM-525-0002@V1.0', composite: 80.95, total: 87.45 });
        expect(state).toMatchObject({ results: { composite: 80.95 } });
      });
  });

  it('R-SCORE-7 an audit under version B is scored with B weights, whatever else is loaded', () => {
    audit
      .given(inProgressUnder(V2.id))
      .when(record())
      .thenEvents(([event]) =>
        // 82×0.25 + 79×0.30 + 84×0.30 + 75×0.15 = 20.5 + 23.7 + 25.2 + 11.25 = 80.65
        expect((event as ScoresRecorded).data.results).toMatchObject({
          schemeVersion: 'CMM-525-0002@V2.0',
          composite: 80.65,
        }),
      );
  });

  it('R-SCORE-1 refuses an invalid sheet listing every problem, and records nothing', () => {
    const sheet = scoreSheet({
      items: {
        'STRATEGY.GOALS.CLARITY': 10.5,
        'STRATEGY.GOALS.MEASURABILITY': -1,
        'STRATEGY.GOALS.TIMELINESS': 3,
        'STRATEGY.PLAN.FEASIBILITY': { notApplicable: true, reason: '' },
        'CAPABILITY.DATA.SECURITY': NaN,
        'OPERATIONS.PLAN.EFFECT': '7' as unknown as number,
      },
    });
    audit
      .given(inProgressUnder(CMM_525_0002_V1.id))
      .when(record(sheet))
      .thenRefusedWith('R-SCORE-1', {
        problems: [
          { field: 'items.STRATEGY.GOALS.TIMELINESS', problem: 'unknown item' },
          { field: 'items.STRATEGY.GOALS.CLARITY', problem: 'above the maximum 10' },
          { field: 'items.STRATEGY.GOALS.MEASURABILITY', problem: 'negative' },
          { field: 'items.STRATEGY.PLAN.FEASIBILITY.reason', problem: 'not applicable without a reason' },
          { field: 'items.CAPABILITY.DATA.SECURITY', problem: 'not a finite number' },
          { field: 'items.OPERATIONS.PLAN.EFFECT', problem: 'not a number' },
        ],
      });
  });

  it('R-SCORE-1 takes no results from the client', () => {
    audit
      .given(inProgressUnder(CMM_525_0002_V1.id))
      .when(
        auditCommand(
          'RecordScores',
          { sheets: {}, results: RESULTS } as never,
          ctx(actors.auditor, T.findings, bothVersions),
        ),
      )
      .thenRefusedWith('R-SCORE-1', { problems: [{ field: '', problem: 'expected a score sheet object' }] });
  });

  it('R-SCORE-4 records the sheet as the scheme asks for it, dropping extra properties', () => {
    const sheet = scoreSheet({
      conformity: { STAFF_MANAGEMENT: { result: 'CONFORM', extra: 'x' } as never },
    });
    audit
      .given(inProgressUnder(CMM_525_0002_V1.id))
      .when(record(sheet))
      .thenEvents(([event]) =>
        expect((event as ScoresRecorded).data.sheet.conformity.STAFF_MANAGEMENT).toEqual({
          result: 'CONFORM',
        }),
      );
  });

  it('R-AUD-3 a returned report gets corrected scores, the replaced results kept', () => {
    const returned = [...historyUntil('UNDER_TECHNICAL_REVIEW'), reviewCompleted('RETURN')];
    const corrected = scoreSheet({ management: { MULTIMODAL: 80 } });
    const state = audit
      .given(returned)
      .when(record(corrected))
      .then([scoresRecorded(corrected, RESULTS)]);
    // 16.4 + 27.65 + 29.4 + 80×0.10 = 81.45
    expect(state).toMatchObject({ results: { composite: 81.45 } });
    expect(resultsOf(corrected).composite).toBe(81.45);
  });
});
