import { applicationDecider, applicationStreamName, certificateStreamName, fold } from '@app/domain';
import type { ApplicationCommand, ApplicationEvent } from '@app/domain';
import { issued } from '@app/domain/certificate/certificate.fixtures';
import type { RecordedEvent } from '@app/event-store';
import { actors, annexA, completeMaterials, ctx, material, VALID_USCC } from '@app/testing';
import { applicationsProjection } from './applications.projection';
import type { ApplicationDocument } from './applications.projection';
import { eventLog, given } from './projection-spec.fixtures';

const ID = '7f0c3f2e-8a4b-4a51-9d55-0d3b6a1f2c11';

/** An application's stream produced by the real decider. */
const applicationStory = (id = ID, log = eventLog()) => {
  const decided: ApplicationEvent[] = [];
  const events: RecordedEvent[] = [];
  const run = (type: ApplicationCommand['type'], data: object, now: string): RecordedEvent[] => {
    const state = fold(applicationDecider.evolve, applicationDecider.initialState, decided);
    const command = { type, data, context: ctx(actors.intake, now) } as ApplicationCommand;
    const next = applicationDecider.decide(command, state);
    decided.push(...next);
    const recorded = next.map((e) =>
      log.append(applicationStreamName(id), e, { actor: actors.intake, occurredAt: now }),
    );
    events.push(...recorded);
    return recorded;
  };
  return {
    log,
    events,
    submit: (now: string, data: object = {}) =>
      run(
        'SubmitApplication',
        { applicationId: id, kind: 'INITIAL', annexA: annexA(), materials: completeMaterials(), ...data },
        now,
      ),
    requestSupplement: (now: string) =>
      run(
        'RequestSupplement',
        { items: [{ item: 'ORG_CHART', description: 'The organisation chart is missing' }] },
        now,
      ),
    provideSupplement: (now: string, data: object = {}) =>
      run(
        'ProvideSupplement',
        { items: ['ORG_CHART'], materials: [material('ORGANISATION_CHART')], ...data },
        now,
      ),
    accept: (now: string) => run('AcceptApplication', { legalEntityVerified: true, sanctions: [] }, now),
    reject: (now: string) =>
      run(
        'RejectApplication',
        { unmetConditions: ['MANAGEMENT_SYSTEM_TOO_RECENT'], reason: 'Runs < 3 months' },
        now,
      ),
    withdraw: (now: string) => run('WithdrawApplication', { reason: 'Applicant withdrew' }, now),
  };
};

describe('applications projection (back-office list, R-APP-4 acceptance deadline)', () => {
  it('a submission is listed with the organisation, the scheme and a deadline 5 working days after the clock start', () => {
    const story = applicationStory();
    story.submit('2026-02-12T02:00:00.000Z');
    expect(given(applicationsProjection, story.events).document(ID)).toEqual<ApplicationDocument>({
      id: ID,
      status: 'SUBMITTED',
      kind: 'INITIAL',
      organisationName: '福州智服科技有限公司',
      uscc: VALID_USCC,
      schemeVersion: 'CMM-525-0002@V1.0',
      submittedAt: '2026-02-12T02:00:00.000Z',
      acceptanceClockStartedAt: '2026-02-12T02:00:00.000Z',
      // Fri 02-13, make-up Sat 02-14, Spring Festival 02-15…23, Tue 02-24, 02-25, 02-26.
      acceptanceDeadline: '2026-02-26',
      acceptanceDeadlineEstimated: false,
      supplementNotices: 0,
      outstandingItems: [],
    });
  });

  it('the clock start date is the Beijing calendar date of the submission instant', () => {
    const story = applicationStory();
    story.submit('2026-02-12T17:00:00.000Z'); // 2026-02-13 01:00 in Beijing
    given(applicationsProjection, story.events).then(ID, { acceptanceDeadline: '2026-02-27' });
  });

  it('R-APP-4 a supplement request lists the outstanding items; providing them restarts the clock', () => {
    const story = applicationStory();
    story.submit('2026-02-12T02:00:00.000Z');
    story.requestSupplement('2026-02-13T02:00:00.000Z');
    given(applicationsProjection, story.events).then(ID, {
      status: 'SUPPLEMENT_REQUESTED',
      supplementNotices: 1,
      outstandingItems: ['ORG_CHART'],
      acceptanceDeadline: '2026-02-26',
    });
    story.provideSupplement('2026-03-02T02:00:00.000Z', {
      annexA: annexA({ organisation: { ...annexA().organisation, name: '福州智服科技股份有限公司' } }),
    });
    given(applicationsProjection, story.events).then(ID, {
      status: 'SUBMITTED',
      supplementNotices: 1,
      outstandingItems: [],
      organisationName: '福州智服科技股份有限公司',
      acceptanceClockStartedAt: '2026-03-02T02:00:00.000Z',
      acceptanceDeadline: '2026-03-09',
      acceptanceDeadlineEstimated: false,
    });
  });

  it('acceptance, then the certificate issued on the application (second source stream)', () => {
    const story = applicationStory();
    story.submit('2026-03-02T02:00:00.000Z');
    story.accept('2026-03-04T02:00:00.000Z');
    given(applicationsProjection, story.events).then(ID, {
      status: 'ACCEPTED',
      acceptedAt: expect.any(String),
    });
    const certificate = story.log.append(
      certificateStreamName('CMM-ICS-2026-00042'),
      issued({ applicationId: ID }),
    );
    expect(applicationsProjection.documentId(certificate)).toBe(ID);
    const document = given(applicationsProjection, [...story.events, certificate]).then(ID, {
      status: 'ACCEPTED',
      certificateNumber: 'CMM-ICS-2026-00042',
    });
    expect(document.acceptedAt?.startsWith('2026-03-04')).toBe(true);
  });

  it('a recertification application names its certificate from the start', () => {
    const story = applicationStory();
    story.submit('2028-10-09T02:00:00.000Z', {
      kind: 'RECERTIFICATION',
      certificate: { number: 'CMM-ICS-2026-00042', expiryDate: '2029-01-08', status: 'VALID' },
    });
    given(applicationsProjection, story.events).then(ID, {
      kind: 'RECERTIFICATION',
      certificateNumber: 'CMM-ICS-2026-00042',
      acceptanceDeadlineEstimated: true,
    });
  });

  it('rejection and withdrawal are listed with their instants', () => {
    const rejected = applicationStory();
    rejected.submit('2026-03-02T02:00:00.000Z');
    rejected.reject('2026-03-03T02:00:00.000Z');
    const withdrawn = applicationStory('a2');
    withdrawn.submit('2026-03-02T02:00:00.000Z');
    withdrawn.withdraw('2026-03-05T02:00:00.000Z');
    given(applicationsProjection, rejected.events).then(ID, {
      status: 'REJECTED',
      rejectedAt: expect.stringMatching(/^2026-03-03T/),
    });
    given(applicationsProjection, withdrawn.events).then('a2', {
      status: 'WITHDRAWN',
      withdrawnAt: expect.stringMatching(/^2026-03-05T/),
    });
  });

  it('a deadline running into a year beyond the calendar data is flagged estimated', () => {
    const story = applicationStory();
    story.submit('2026-12-29T02:00:00.000Z');
    const document = given(applicationsProjection, story.events).document(ID);
    expect(document.acceptanceDeadlineEstimated).toBe(true);
    expect(document.acceptanceDeadline.startsWith('2027-01-')).toBe(true);
  });

  it('a certificate issued for an unknown application makes no document', () => {
    const log = eventLog();
    const certificate = log.append(
      certificateStreamName('CMM-ICS-2026-00042'),
      issued({ applicationId: 'nobody' }),
    );
    expect(given(applicationsProjection, [certificate]).documents.size).toBe(0);
  });

  it('declares its indexes', () => {
    expect(applicationsProjection.indexes).toEqual([
      { fields: ['status'] },
      { fields: ['organisationName'] },
      { fields: ['acceptanceDeadline'] },
      { fields: ['submittedAt'] },
    ]);
  });
});
