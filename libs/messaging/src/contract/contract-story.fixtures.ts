/** Test helper (imported by specs only): certificate events from the real decider, wrapped as RecordedEvents. */
import {
  certificateDecider,
  fold,
  type Actor,
  type CertificateCommand,
  type CertificateEvent,
} from '@app/domain';
import { positionFromSequence, type RecordedEvent } from '@app/event-store';
import { actors, annexA, ctx, expectedResults } from '@app/testing';

export const NUMBER = 'CMM-ICS-2026-00042';
export const organisation = annexA().organisation;
/** Dimensions 84.25/88.75/79.25/70.75: composite 16.85 + 31.0625 + 27.7375 + 7.075 = 82.725 → 82.73. */
const results = expectedResults({
  management: { STRATEGY: 84.25, CAPABILITY: 88.75, OPERATIONS: 79.25, MULTIMODAL: 70.75 },
  characteristics: {
    SERVICE_CAPABILITY: 86.25,
    SUBSTITUTION_CAPABILITY: 78.5,
    BUSINESS_CAPABILITY: 81.75,
    CUSTOMER_EXPERIENCE: 90.5,
  },
});

const at = (date: string): string => `${date}T02:00:00.000Z`;
const cmd = <T extends CertificateCommand['type']>(
  type: T,
  data: Extract<CertificateCommand, { type: T }>['data'],
  date: string,
  actor: Actor = actors.decisionMaker,
): CertificateCommand => ({ type, data, context: ctx(actor, at(date)) }) as CertificateCommand;

let sequence = 0;
const record = (event: CertificateEvent, revision: number, occurredAt: string): RecordedEvent => {
  sequence += 1;
  return {
    id: `00000000-0000-4000-8000-${String(sequence).padStart(12, '0')}`,
    type: event.type,
    schemaVersion: 1,
    data: event.data as unknown as Record<string, unknown>,
    metadata: {
      actor: { id: 'user-decider', role: 'DECISION_MAKER' },
      occurredAt,
      correlationId: 'corr-1',
      causationId: null,
      schemeVersion: 'CMM-525-0002@V1.0',
      prevHash: '0'.repeat(64),
      hash: 'f'.repeat(64),
    },
    streamId: `certificate-${NUMBER}`,
    streamRevision: revision,
    globalPosition: positionFromSequence(sequence),
    recordedAt: occurredAt,
  };
};

/** Runs commands through decide/evolve like the command handler and records every event. */
export const runStory = (commands: CertificateCommand[]): RecordedEvent[] => {
  const stream: CertificateEvent[] = [];
  const recorded: RecordedEvent[] = [];
  for (const command of commands) {
    const state = fold(certificateDecider.evolve, certificateDecider.initialState, stream);
    for (const event of certificateDecider.decide(command, state)) {
      recorded.push(record(event, stream.length, command.context.now));
      stream.push(event);
    }
  }
  return recorded;
};

const issue = cmd(
  'IssueCertificate',
  {
    number: NUMBER,
    applicationId: 'application-1',
    schemeVersion: 'CMM-525-0002@V1.0',
    grant: {
      auditId: 'audit-initial-1',
      auditType: 'INITIAL',
      decisionDate: '2026-01-08',
      decisionMaker: actors.decisionMaker,
    },
    holder: { name: organisation.name, address: organisation.address, uscc: organisation.uscc },
    scope: '智能客户服务（在线客服、语音机器人）',
    evaluationResults: results,
  },
  '2026-01-10',
);
const surveillance = (outcome: 'MAINTAIN' | 'SUSPEND', auditId: string, date: string) =>
  cmd(
    'RecordSurveillance',
    {
      auditId,
      auditType: 'SURVEILLANCE',
      decisionDate: date,
      outcome,
      conclusion: 'Conclusion of the audit',
      leadAuditorId: 'user-lead',
    },
    date,
  );

/** Every status event type except cancelled, plus events downstream does not get. */
export const fullStory = (): RecordedEvent[] =>
  runStory([
    issue,
    cmd(
      'ChangeCertificate',
      { field: 'ADDRESS', after: '上海市浦东新区示例路2号', reason: 'Head office moved' },
      '2026-03-02',
      actors.registryOfficer,
    ),
    cmd(
      'SuspendCertificate',
      {
        ground: 'MINOR_NC_NOT_CORRECTED',
        reason: 'NC-3 open past its due date',
        correctionsRequired: ['Close NC-3'],
        deadline: '2026-09-01',
      },
      '2026-06-01',
    ),
    cmd(
      'ReissueCertificate',
      { reason: 'LOST', note: `call ${organisation.contactPerson} ${organisation.phone}` },
      '2026-06-10',
      actors.registryOfficer,
    ),
    cmd(
      'ReinstateCertificate',
      { verification: { kind: 'AUDIT', reference: 'audit-special-1' }, reason: 'NC-3 verified closed' },
      '2026-08-20',
    ),
    surveillance('MAINTAIN', 'audit-surv-1', '2026-12-15'),
    surveillance('SUSPEND', 'audit-surv-2', '2027-12-15'),
    cmd(
      'ChangeCertificate',
      { field: 'NAME', after: '示例智能客服集团有限公司', reason: 'Renamed' },
      '2028-01-05',
      actors.registryOfficer,
    ),
    cmd(
      'RenewCertificate',
      {
        grant: {
          auditId: 'audit-recert-1',
          auditType: 'RECERTIFICATION',
          decisionDate: '2028-11-30',
          decisionMaker: actors.decisionMaker,
        },
        evaluationResults: results,
      },
      '2028-12-01',
    ),
    cmd(
      'OpenRevocation',
      { ground: 'SERIOUS_VIOLATION', investigation: { findings: `Data of ${organisation.email} sold` } },
      '2029-03-01',
    ),
    cmd('IssueRevocationNotice', { reasons: ['Serious violation of PIPL'] }, '2029-03-05'),
    cmd('LodgeRevocationAppeal', { grounds: `${organisation.legalRepresentative} disagrees` }, '2029-03-20'),
    cmd(
      'DecideRevocationAppeal',
      { verdict: 'REJECTED', reason: 'Contractor acted on instruction' },
      '2029-03-28',
    ),
    cmd('FinaliseRevocation', { reason: 'Revoked after rejected appeal' }, '2029-03-29'),
  ]);

export const cancelStory = (): RecordedEvent[] =>
  runStory([
    issue,
    cmd(
      'CancelCertificate',
      { ground: 'HOLDER_REQUEST', reason: 'Holder stopped the service' },
      '2026-05-01',
    ),
  ]);
