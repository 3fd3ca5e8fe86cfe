/**
 * Test data for the regulator specs (imported by *.spec.ts only): a certificate's stream written to an in-memory
 * SQLite store, so the events carry real positions and a real hash chain.
 *
 * The story: granted 2026-06-01 (expiry 2029-06-01), address changed 2026-07-15, suspended 2026-09-01 (deadline
 * 2026-12-31), reinstated 2026-10-15, surveilled (MAINTAIN) 2027-05-17, renewed 2029-05-14 (expiry 2032-06-01).
 */
import { v4 as uuidv4 } from 'uuid';
import { SqliteEventStore, type EventActor, type RecordedEvent } from '@app/event-store';

export const NUMBER = 'CMM-ICS-2026-00007';
export const STREAM = `certificate-${NUMBER}`;
export const AUDIT_ID = '0d7b6c1a-3f2e-4b5a-9c8d-7e6f5a4b3c2d';
export const APPLICATION_ID = '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d';
export const SCHEME = 'CMM-525-0002@V1.0';

export const DECIDER: EventActor = { id: 'user-decider', role: 'DECISION_MAKER' };
export const REGISTRY: EventActor = { id: 'user-registry', role: 'REGISTRY_OFFICER' };

/** 10:00 in Beijing on `date`. */
export const at = (date: string): string => `${date}T02:00:00.000Z`;

export interface StoryEvent {
  type: string;
  data: Record<string, unknown>;
  occurredAt: string;
  actor: EventActor;
}

const basis = { standard: 'GB/T 43045.1-2023', ruleCode: 'CMM-525-0002', version: 'V1.0' };

export const issued: StoryEvent = {
  type: 'CertificateIssued',
  occurredAt: at('2026-06-01'),
  actor: DECIDER,
  data: {
    number: NUMBER,
    applicationId: APPLICATION_ID,
    schemeVersion: SCHEME,
    basis,
    certificationBody: 'CB',
    holder: { name: '福州智服有限公司', address: '福州市鼓楼区 1 号', uscc: '91350100MA2XXXXXXX' },
    scope: '智能客户服务',
    evaluationResults: {},
    grant: { auditId: AUDIT_ID, auditType: 'INITIAL', decisionDate: '2026-06-01', decisionMaker: DECIDER },
    decisionDate: '2026-06-01',
    issueDate: '2026-06-01',
    effectiveDate: '2026-06-01',
    expiryDate: '2029-06-01',
    statusBefore: 'NONE',
    statusAfter: 'VALID',
    reason: 'GRANT',
    documentRevision: 1,
    approver: DECIDER,
    date: '2026-06-01',
  },
};

export const changed: StoryEvent = {
  type: 'CertificateChanged',
  occurredAt: at('2026-07-15'),
  actor: REGISTRY,
  data: {
    field: 'ADDRESS',
    before: '福州市鼓楼区 1 号',
    after: '福州市台江区 8 号',
    reason: 'relocation',
    documentRevision: 2,
    approver: REGISTRY,
    date: '2026-07-15',
  },
};

export const suspended: StoryEvent = {
  type: 'CertificateSuspended',
  occurredAt: at('2026-09-01'),
  actor: DECIDER,
  data: {
    statusBefore: 'VALID',
    statusAfter: 'SUSPENDED',
    ground: 'MAJOR_CHANGE_NOT_REPORTED',
    reason: 'relocation not reported',
    correctionsRequired: ['report the relocation'],
    deadline: '2026-12-31',
    auditId: null,
    approver: DECIDER,
    date: '2026-09-01',
  },
};

export const reinstated: StoryEvent = {
  type: 'CertificateReinstated',
  occurredAt: at('2026-10-15'),
  actor: DECIDER,
  data: {
    statusBefore: 'SUSPENDED',
    statusAfter: 'VALID',
    verification: { kind: 'REVIEW', reference: 'REV-2026-031' },
    reason: 'the correction was verified',
    approver: DECIDER,
    date: '2026-10-15',
  },
};

export const surveilled: StoryEvent = {
  type: 'SurveillanceRecorded',
  occurredAt: at('2027-05-17'),
  actor: DECIDER,
  data: {
    auditId: '5e4d3c2b-1a09-4f8e-8d7c-6b5a49382716',
    auditType: 'SURVEILLANCE',
    decisionDate: '2027-05-17',
    outcome: 'MAINTAIN',
    conclusion: '持续符合',
    leadAuditorId: 'user-lead',
    approver: DECIDER,
    date: '2027-05-17',
  },
};

export const renewed: StoryEvent = {
  type: 'CertificateRenewed',
  occurredAt: at('2029-05-14'),
  actor: DECIDER,
  data: {
    grant: {
      auditId: '9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a',
      auditType: 'RECERTIFICATION',
      decisionDate: '2029-05-14',
      decisionMaker: DECIDER,
    },
    decisionDate: '2029-05-14',
    previousExpiryDate: '2029-06-01',
    expiryDate: '2032-06-01',
    evaluationResults: {},
    previousSchemeVersion: SCHEME,
    schemeVersion: SCHEME,
    basis,
    documentRevision: 3,
    approver: DECIDER,
    date: '2029-05-14',
  },
};

export const STORY: StoryEvent[] = [issued, changed, suspended, reinstated, surveilled, renewed];

/** Appends each stream's events one append per event (so each has its own position), in the order given. */
export const storeWith = async (
  appends: readonly [streamId: string, event: StoryEvent][],
): Promise<SqliteEventStore> => {
  const store = SqliteEventStore.open({ path: ':memory:' });
  for (const [streamId, event] of appends) {
    await store.append(
      streamId,
      [
        {
          id: uuidv4(),
          type: event.type,
          data: event.data,
          metadata: {
            actor: event.actor,
            occurredAt: event.occurredAt,
            correlationId: uuidv4(),
            causationId: null,
            schemeVersion: SCHEME,
          },
        },
      ],
      'any',
    );
  }
  return store;
};

/** The certificate story's stored events (raw). */
export const storyEvents = async (events: readonly StoryEvent[] = STORY): Promise<RecordedEvent[]> => {
  const store = await storeWith(events.map((event) => [STREAM, event]));
  try {
    return await store.readStream(STREAM, { raw: true });
  } finally {
    await store.close();
  }
};
