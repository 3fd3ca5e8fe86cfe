import { actors, annexA, completeMaterials, ctx, material, schemesWith, spec } from '@app/testing';
import { CMM_525_0002_V1 } from '../scheme';
import type { ApplicationCommand, SubmitApplication } from './application.commands';
import { applicationDecider } from './application.decider';
import type { ApplicationEvent, ApplicationSubmitted, SupplementRequested } from './application.events';

const id = '7f0c3f2e-8a4b-4a51-9d55-0d3b6a1f2c11';
const submittedAt = '2026-04-01T02:00:00.000Z';
const at = (now: string) => ctx(actors.intake, now);

const submit = (data: Partial<SubmitApplication['data']> = {}, now = submittedAt): SubmitApplication => ({
  type: 'SubmitApplication',
  data: { applicationId: id, kind: 'INITIAL', annexA: annexA(), materials: completeMaterials(), ...data },
  context: at(now),
});

const submitted = (data: Partial<ApplicationSubmitted['data']> = {}): ApplicationSubmitted => ({
  type: 'ApplicationSubmitted',
  data: {
    applicationId: id,
    kind: 'INITIAL',
    schemeVersion: CMM_525_0002_V1.id,
    certificateNumber: null,
    annexA: annexA(),
    materials: completeMaterials(),
    submittedAt,
    submittedBy: actors.intake,
    ...data,
  },
});

const supplementRequested = (items: string[], noticeNumber = 1): SupplementRequested => ({
  type: 'SupplementRequested',
  data: {
    applicationId: id,
    noticeNumber,
    items: items.map((item) => ({ item, description: `provide ${item}` })),
    requestedAt: '2026-04-02T02:00:00.000Z',
    requestedBy: actors.intake,
  },
});

const command = (type: ApplicationCommand['type'], data: object, now = '2026-04-03T02:00:00.000Z') =>
  ({ type, data, context: at(now) }) as ApplicationCommand;

const accept = (data: object = {}, now = '2026-04-03T02:00:00.000Z') =>
  command('AcceptApplication', { legalEntityVerified: true, sanctions: [], ...data }, now);

const application = spec(applicationDecider);

describe('Application decider', () => {
  describe('submission', () => {
    it('R-APP-1 records a complete Annex A form under the scheme version in force (R-SCHEME-1)', () => {
      const state = application.given([]).when(submit()).then([submitted()]);
      expect(state).toMatchObject({
        status: 'SUBMITTED',
        schemeVersion: 'CMM-525-0002@V1.0',
        acceptanceClockStartedAt: submittedAt,
      });
    });

    it('R-APP-1 rejects an invalid 统一社会信用代码', () => {
      const form = annexA();
      form.organisation.uscc = '91350100M000100Y44';
      application
        .given([])
        .when(submit({ annexA: form }))
        .thenRefusedWith('R-APP-1', {
          problems: [expect.objectContaining({ field: 'organisation.uscc' })],
        });
    });

    it('R-APP-1 lists every problem of the form at once', () => {
      const form = annexA();
      form.organisation.email = 'not-an-email';
      form.organisation.contactPerson = '';
      form.declaration.statementsAccepted = false;
      const error = application
        .given([])
        .when(submit({ annexA: form }))
        .thenRefusedWith('R-APP-1');
      const fields = (error.details?.problems as { field: string }[]).map((p) => p.field);
      expect(fields).toEqual([
        'organisation.contactPerson',
        'organisation.email',
        'declaration.statementsAccepted',
      ]);
    });

    it('R-APP-2 requires a SHA-256 content hash for every material', () => {
      const materials = [{ ...material('BUSINESS_LICENCE'), sha256: 'abc' }];
      application
        .given([])
        .when(submit({ materials }))
        .thenRefusedWith('R-APP-1', {
          problems: [expect.objectContaining({ field: 'materials[0].sha256' })],
        });
    });

    it('R-SCHEME-1 refuses new applications under a retired scheme version', () => {
      const cmd = submit();
      cmd.context = { ...cmd.context, schemes: schemesWith({ status: 'RETIRED' }) };
      application.given([]).when(cmd).thenRefusedWith('R-SCHEME-1');
    });

    it('R-SCHEME-1 refuses an unknown scheme version', () => {
      application
        .given([])
        .when(submit({ schemeVersion: 'CMM-525-0002@V9' }))
        .thenRefusedWith('R-SCHEME-1');
    });

    it('R-CERT-9 accepts a recertification application within 3 months before expiry', () => {
      const cmd = submit(
        {
          kind: 'RECERTIFICATION',
          certificate: { number: 'CMM-ICS-2023-00001', expiryDate: '2026-06-15', status: 'VALID' },
        },
        '2026-03-15T02:00:00.000Z',
      );
      application
        .given([])
        .when(cmd)
        .thenEvents(([event], state) => {
          expect(event.data).toMatchObject({
            kind: 'RECERTIFICATION',
            certificateNumber: 'CMM-ICS-2023-00001',
          });
          expect(state).toMatchObject({ status: 'SUBMITTED', kind: 'RECERTIFICATION' });
        });
    });

    it('R-CERT-9 refuses a recertification application earlier than 3 months before expiry', () => {
      const cmd = submit(
        {
          kind: 'RECERTIFICATION',
          certificate: { number: 'CMM-ICS-2023-00001', expiryDate: '2026-06-15', status: 'VALID' },
        },
        '2026-03-14T02:00:00.000Z',
      );
      application.given([]).when(cmd).thenRefusedWith('R-CERT-9', { windowOpens: '2026-03-15' });
    });

    it('an application cannot be submitted twice', () => {
      application.given([submitted()]).when(submit()).thenRefusedWith('INVALID_TRANSITION');
    });

    it('R-APP-1 only an intake officer records applications', () => {
      const cmd = submit();
      cmd.context = ctx(actors.auditor, submittedAt);
      application.given([]).when(cmd).thenRefusedWith('R-APP-1', { role: 'AUDITOR' });
    });
  });

  describe('supplements (一次性告知)', () => {
    it('R-APP-4 a supplement notice lists the missing items', () => {
      const state = application
        .given([submitted()])
        .when(
          command(
            'RequestSupplement',
            { items: [{ item: 'ORG_CHART', description: 'provide ORG_CHART' }] },
            '2026-04-02T02:00:00.000Z',
          ),
        )
        .then([supplementRequested(['ORG_CHART'])]);
      expect(state).toMatchObject({ status: 'SUPPLEMENT_REQUESTED', outstandingItems: ['ORG_CHART'] });
    });

    it('R-APP-4 refuses a second notice naming an item not in the first', () => {
      application
        .given([submitted(), supplementRequested(['ORG_CHART']), supplementProvided(['ORG_CHART'])])
        .when(command('RequestSupplement', { items: [{ item: 'TECHNICAL_PLAN', description: 'missing' }] }))
        .thenRefusedWith('R-APP-4', { items: ['TECHNICAL_PLAN'] });
    });

    it('R-APP-4 allows a second notice repeating an item of the first', () => {
      application
        .given([
          submitted(),
          supplementRequested(['ORG_CHART', 'TECHNICAL_PLAN']),
          supplementProvided(['ORG_CHART', 'TECHNICAL_PLAN']),
        ])
        .when(
          command('RequestSupplement', {
            items: [{ item: 'TECHNICAL_PLAN', description: 'still insufficient' }],
          }),
        )
        .thenEvents(([event]) => expect(event.data).toMatchObject({ noticeNumber: 2 }));
    });

    it('R-APP-4 refuses an empty notice', () => {
      application
        .given([submitted()])
        .when(command('RequestSupplement', { items: [] }))
        .thenRefusedWith('R-APP-4');
    });

    it('R-APP-4 providing the supplement restarts the acceptance clock', () => {
      const now = '2026-04-10T03:00:00.000Z';
      application
        .given([submitted(), supplementRequested(['ORG_CHART'])])
        .when(
          command(
            'ProvideSupplement',
            { items: ['ORG_CHART'], materials: [material('ORGANISATION_CHART', 'v2.pdf')] },
            now,
          ),
        )
        .thenEvents(([event], state) => {
          expect(event.data).toMatchObject({ acceptanceClockStartedAt: now });
          expect(state).toMatchObject({ status: 'SUBMITTED', acceptanceClockStartedAt: now });
        });
    });

    it('R-APP-4 refuses a supplement that leaves a requested item out', () => {
      application
        .given([submitted(), supplementRequested(['ORG_CHART', 'TECHNICAL_PLAN'])])
        .when(command('ProvideSupplement', { items: ['ORG_CHART'] }))
        .thenRefusedWith('R-APP-4', { items: ['TECHNICAL_PLAN'] });
    });
  });

  describe('acceptance review', () => {
    it('R-APP-5 accepting opens the certification programme', () => {
      application
        .given([submitted()])
        .when(accept())
        .thenEvents(([event], state) => {
          expect(event).toMatchObject({
            type: 'ApplicationAccepted',
            data: { programme: { firstAuditType: 'INITIAL' } },
          });
          expect(state).toMatchObject({ status: 'ACCEPTED' });
        });
    });

    it('R-APP-3 refuses when the management system has run less than 3 months', () => {
      const form = annexA();
      form.managementSystem.operatingSince = '2026-01-04';
      application
        .given([submitted({ annexA: form })])
        .when(accept({}, '2026-04-03T02:00:00.000Z'))
        .thenRefusedWith('R-APP-3', { unmetConditions: [expect.stringContaining('less than 3 months')] });
    });

    it('R-APP-3 accepts a management system that has run exactly 3 months', () => {
      const form = annexA();
      form.managementSystem.operatingSince = '2026-01-03';
      application
        .given([submitted({ annexA: form })])
        .when(accept({}, '2026-04-03T02:00:00.000Z'))
        .thenEvents(([event]) => expect(event.type).toBe('ApplicationAccepted'));
    });

    it('R-APP-3 refuses a declared major violation within 12 months, and own-fault sanctions in our records', () => {
      const form = annexA();
      form.declaration.majorViolations = [{ date: '2025-09-01', description: '数据泄露行政处罚' }];
      const error = application
        .given([submitted({ annexA: form })])
        .when(
          accept({
            legalEntityVerified: false,
            sanctions: [
              {
                certificateNumber: 'CMM-ICS-2024-00007',
                kind: 'SUSPENDED',
                date: '2025-12-01',
                ownFault: true,
              },
              {
                certificateNumber: 'CMM-ICS-2023-00002',
                kind: 'REVOKED',
                date: '2024-01-01',
                ownFault: true,
              },
            ],
          }),
        )
        .thenRefusedWith('R-APP-3');
      expect(error.details?.unmetConditions).toEqual([
        expect.stringContaining('major violation'),
        expect.stringContaining('CMM-ICS-2024-00007'),
        expect.stringContaining('legal entity'),
      ]);
    });

    it('R-APP-3 ignores sanctions that were not the organisation’s own fault', () => {
      application
        .given([submitted()])
        .when(
          accept({
            sanctions: [{ certificateNumber: 'X', kind: 'SUSPENDED', date: '2026-01-01', ownFault: false }],
          }),
        )
        .thenEvents(([event]) => expect(event.type).toBe('ApplicationAccepted'));
    });

    it('R-APP-2 refuses acceptance while materials of §6.1.2 are missing', () => {
      application
        .given([submitted({ materials: [material('BUSINESS_LICENCE')] })])
        .when(accept())
        .thenRefusedWith('R-APP-2', {
          missing: [
            'MANAGEMENT_SYSTEM_DOCUMENTS',
            'PERFORMANCE_DATA',
            'ORGANISATION_CHART',
            'TECHNICAL_PLAN',
          ],
        });
    });

    it('R-APP-4 an application awaiting a supplement cannot be accepted', () => {
      application
        .given([submitted(), supplementRequested(['ORG_CHART'])])
        .when(accept())
        .thenRefusedWith('INVALID_TRANSITION');
    });

    it('R-APP-5 a rejection states the unmet conditions', () => {
      application
        .given([submitted()])
        .when(command('RejectApplication', { unmetConditions: [], reason: 'not eligible' }))
        .thenRefusedWith('R-APP-5');
      application
        .given([submitted()])
        .when(command('RejectApplication', { unmetConditions: ['no legal entity'], reason: 'not eligible' }))
        .thenEvents(([event]) => expect(event.data).toMatchObject({ unmetConditions: ['no legal entity'] }));
    });

    it('R-ACT-1 records who accepted and when', () => {
      application
        .given([submitted()])
        .when(accept())
        .thenEvents(([event]) =>
          expect(event.data).toMatchObject({
            acceptedBy: actors.intake,
            acceptedAt: '2026-04-03T02:00:00.000Z',
          }),
        );
    });

    it('a withdrawn application accepts nothing more', () => {
      const withdrawn: ApplicationEvent = {
        type: 'ApplicationWithdrawn',
        data: {
          applicationId: id,
          reason: 'applicant request',
          withdrawnAt: submittedAt,
          statusBefore: 'SUBMITTED',
        },
      };
      application.given([submitted(), withdrawn]).when(accept()).thenRefusedWith('INVALID_TRANSITION');
    });
  });
});

function supplementProvided(items: string[]): ApplicationEvent {
  return {
    type: 'SupplementProvided',
    data: {
      applicationId: id,
      items,
      materials: [],
      annexA: null,
      note: null,
      acceptanceClockStartedAt: '2026-04-02T05:00:00.000Z',
    },
  };
}
