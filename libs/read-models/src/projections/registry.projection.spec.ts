import { certificateStreamName } from '@app/domain';
import type { CertificateStatus } from '@app/domain';
import type { RecordedEvent } from '@app/event-store';
import { holder, issued, results } from '@app/domain/certificate/certificate.fixtures';
import { annexA } from '@app/testing';
import {
  certificateStory,
  NUMBER,
  STORY_ACTOR_IDS,
  wholeCertificateStory,
} from './certificate-story.fixtures';
import { eventLog, given } from './projection-spec.fixtures';
import { IAF_STATUS, registryDocumentOf, registryProjection } from './registry.projection';
import type { RegistryDocument } from './registry.projection';

const registry = (events: Parameters<typeof given>[1]) => given(registryProjection, events);

describe('registry projection (public register, §8.4)', () => {
  it('R-REG-1 an issued certificate shows holder, number, scope, basis, dates, status and its first B.3 line', () => {
    const story = certificateStory();
    story.issue();
    const document = registry(story.events).document(NUMBER);
    expect(document).toEqual<RegistryDocument>({
      id: NUMBER,
      number: NUMBER,
      holderName: holder.name,
      holderAddress: holder.address,
      scope: '智能客户服务（在线客服、语音机器人）',
      basis: { standard: 'GB/T 43045.1-2023', ruleCode: 'CMM-525-0002', version: 'V1.0' },
      certificationBody: expect.any(String),
      issueDate: '2026-01-10',
      effectiveDate: '2026-01-08',
      expiryDate: '2029-01-08',
      status: 'VALID',
      iafStatus: 'active',
      statusChangedOn: '2026-01-10',
      statusHistory: [{ date: '2026-01-10', before: 'NONE', after: 'VALID', reason: 'GRANT' }],
      changeHistory: [],
      suspension: null,
      revocation: null,
      cancellation: null,
    });
  });

  it('R-REG-1 changes of name, address and scope update the entry and list content and date, without approver', () => {
    const story = certificateStory();
    story.issue();
    story.changeName();
    story.changeAddress();
    story.changeScope();
    const document = registry(story.events).then(NUMBER, {
      holderName: '示例智能科技有限公司',
      holderAddress: '上海市浦东新区示例路2号',
      scope: '智能客户服务（在线客服）',
    });
    expect(document.changeHistory).toEqual([
      {
        date: '2026-02-02',
        kind: 'CHANGE',
        field: 'NAME',
        before: holder.name,
        after: '示例智能科技有限公司',
        reason: 'Company renamed',
      },
      {
        date: '2026-03-02',
        kind: 'CHANGE',
        field: 'ADDRESS',
        before: holder.address,
        after: '上海市浦东新区示例路2号',
        reason: 'Head office moved',
      },
      {
        date: '2026-03-09',
        kind: 'CHANGE',
        field: 'SCOPE',
        before: '智能客户服务（在线客服、语音机器人）',
        after: '智能客户服务（在线客服）',
        reason: 'Voice robots discontinued',
      },
    ]);
  });

  it('R-REG-1 a reissue is listed with its date and reason code, never its internal note', () => {
    const story = certificateStory();
    story.issue();
    story.reissue();
    const document = registry(story.events).document(NUMBER);
    expect(document.changeHistory).toEqual([{ date: '2026-03-16', kind: 'REISSUE', reason: 'LOST' }]);
    expect(JSON.stringify(document)).not.toContain('ticket 4711');
  });

  it('R-REG-1 a renewal extends the expiry date and is listed as a change of the expiry date', () => {
    const story = certificateStory();
    story.issue();
    story.renew();
    const document = registry(story.events).then(NUMBER, { expiryDate: '2032-01-08', status: 'VALID' });
    expect(document.changeHistory).toEqual([
      {
        date: '2028-12-01',
        kind: 'RENEWAL',
        field: 'EXPIRY_DATE',
        before: '2029-01-08',
        after: '2032-01-08',
        reason: 'RECERTIFICATION',
      },
    ]);
  });

  it('R-CERT-5 a suspended certificate reads SUSPENDED with since, deadline and reason; reinstatement clears it', () => {
    const story = certificateStory();
    story.issue();
    story.suspend();
    registry(story.events).then(NUMBER, {
      status: 'SUSPENDED',
      iafStatus: 'suspended',
      statusChangedOn: '2026-06-01',
      suspension: { since: '2026-06-01', deadline: '2026-09-01', reason: 'NC-3 open past its due date' },
    });
    story.reinstate();
    const document = registry(story.events).then(NUMBER, {
      status: 'VALID',
      iafStatus: 'active',
      statusChangedOn: '2026-08-20',
      suspension: null,
    });
    expect(document.statusHistory).toEqual([
      { date: '2026-01-10', before: 'NONE', after: 'VALID', reason: 'GRANT' },
      { date: '2026-06-01', before: 'VALID', after: 'SUSPENDED', reason: 'NC-3 open past its due date' },
      { date: '2026-08-20', before: 'SUSPENDED', after: 'VALID', reason: 'NC-3 verified closed' },
    ]);
  });

  it('R-REG-1 an open revocation procedure is internal: the entry is unchanged until the revocation is final', () => {
    const story = certificateStory();
    story.issue();
    const before = registry(story.events).document(NUMBER);
    story.openRevocation();
    story.noticeRevocation();
    story.appeal();
    story.decideAppeal('REJECTED');
    expect(registry(story.events).document(NUMBER)).toEqual(before);
    for (const type of [
      'RevocationOpened',
      'RevocationNoticeIssued',
      'RevocationAppealLodged',
      'RevocationAppealDecided',
    ])
      expect(registryProjection.handles).not.toContain(type);
  });

  it('R-REG-1 an upheld appeal leaves no trace in the public entry', () => {
    const story = certificateStory();
    story.issue();
    const before = registry(story.events).document(NUMBER);
    story.openRevocation();
    story.noticeRevocation();
    story.appeal();
    story.decideAppeal('UPHELD');
    expect(registry(story.events).document(NUMBER)).toEqual(before);
  });

  it('R-REG-4 a revoked certificate stays listed with its whole history and the revocation information', () => {
    const story = certificateStory();
    story.issue();
    story.suspend();
    story.openRevocation();
    story.noticeRevocation();
    story.appeal();
    story.decideAppeal('REJECTED');
    story.finaliseRevocation();
    const result = registry(story.events);
    const document = result.then(NUMBER, {
      status: 'REVOKED',
      iafStatus: 'withdrawn',
      statusChangedOn: '2029-03-29',
      suspension: null,
      revocation: { date: '2029-03-29', ground: 'SERIOUS_VIOLATION', reasons: ['Serious violation of PIPL'] },
      cancellation: null,
    });
    expect(document.statusHistory.map((s) => [s.before, s.after])).toEqual([
      ['NONE', 'VALID'],
      ['VALID', 'SUSPENDED'],
      ['SUSPENDED', 'REVOKED'],
    ]);
    expect(result.documents.size).toBe(1);
  });

  it('R-REG-4 a cancelled certificate stays listed with the cancellation information', () => {
    const story = certificateStory();
    story.issue();
    story.cancel();
    registry(story.events).then(NUMBER, {
      status: 'CANCELLED',
      iafStatus: 'cancelled',
      statusChangedOn: '2026-05-04',
      cancellation: { date: '2026-05-04', ground: 'HOLDER_REQUEST', reason: 'Holder stopped the service' },
      revocation: null,
    });
  });

  it.each<[CertificateStatus, string]>([
    ['VALID', 'active'],
    ['SUSPENDED', 'suspended'],
    ['REVOKED', 'withdrawn'],
    ['CANCELLED', 'cancelled'],
  ])('R-REG-5 status %s maps to IAF CertSearch "%s"', (status, iaf) => {
    expect(IAF_STATUS[status]).toBe(iaf);
    const story = certificateStory();
    story.issue();
    if (status === 'SUSPENDED') story.suspend();
    if (status === 'CANCELLED') story.cancel();
    if (status === 'REVOKED') {
      story.openRevocation();
      story.noticeRevocation();
      story.appeal();
      story.decideAppeal('REJECTED');
      story.finaliseRevocation();
    }
    registry(story.events).then(NUMBER, { status, iafStatus: iaf });
  });

  describe('R-REG-2 never any personal data or internal field', () => {
    const FORBIDDEN_KEYS = [
      'uscc',
      'approver',
      'actor',
      'evaluationResults',
      'composite',
      'characteristics',
      'management',
      'note',
      'findings',
      'correctionsRequired',
      'verification',
      'legalRepresentative',
      'contactPerson',
      'phone',
      'email',
      'applicationId',
      'grant',
      'decisionMaker',
      '_sources',
    ];
    const keysOf = (value: unknown): string[] =>
      value && typeof value === 'object'
        ? Object.entries(value).flatMap(([key, inner]) => [key, ...keysOf(inner)])
        : [];

    it("after every kind of event, the entry holds none of the fixture's personal, scoring or approver data", () => {
      const organisation = annexA().organisation;
      // Events that (hypothetically) carried the applicant's personal data: the registry picks fields, so
      // nothing extra can slip through.
      const log = eventLog();
      const leaky = log.append(
        certificateStreamName(NUMBER),
        issued({
          holder: { ...organisation, name: holder.name, address: holder.address, uscc: holder.uscc },
        }),
        { actor: { id: 'user-decider', role: 'DECISION_MAKER' } },
      );
      // A second certificate goes through every kind of event the decider records.
      const full = wholeCertificateStory(log, 'CMM-ICS-2026-00043');
      const result = registry([leaky, ...full.events]);

      const sensitive = [
        organisation.legalRepresentative,
        organisation.contactPerson,
        organisation.phone,
        organisation.email,
        organisation.uscc,
        holder.uscc,
        ...STORY_ACTOR_IDS,
        'user-actor',
        'Customer data sold to third parties', // investigation findings
        'A contractor acted alone', // appeal grounds
        'audit-special-1', // verification reference
        'Close NC-3', // corrections required
        'ticket 4711', // reissue note
      ];
      for (const number of [NUMBER, 'CMM-ICS-2026-00043']) {
        const document = result.document(number);
        const text = JSON.stringify(document);
        for (const value of sensitive) expect(text).not.toContain(value);
        expect(keysOf(document).filter((key) => FORBIDDEN_KEYS.includes(key))).toEqual([]);
        // Scores: none of the evaluation results' numbers appear as values either.
        expect(text).not.toContain(String(results.composite));
        expect(text).not.toContain('"composite"');
      }
    });
  });

  it('events of other streams, and certificate events without an issue, make no entry (R-REG-3)', () => {
    const log = eventLog();
    const story = certificateStory(log);
    story.issue();
    story.suspend();
    const orphan = { ...story.events[1], streamId: certificateStreamName('CMM-ICS-2026-09999') };
    const other = { ...story.events[0], streamId: 'application-1' };
    expect(registryProjection.documentId(other)).toBeNull();
    const result = registry([orphan]);
    expect(result.documents.size).toBe(0);
  });

  describe('registryDocumentOf (a whole stream folded at once, for the regulators)', () => {
    const oneByOne = (events: RecordedEvent[]) =>
      events
        .filter((event) => registryProjection.handles.includes(event.type))
        .reduce<RegistryDocument | null>((doc, event) => registryProjection.evolve(doc, event), null);

    it('reaches the document evolve reaches one event at a time, after every prefix of a full story', () => {
      const story = wholeCertificateStory();
      for (let end = 0; end <= story.events.length; end++) {
        const prefix = story.events.slice(0, end);
        expect(registryDocumentOf(prefix)).toEqual(oneByOne(prefix));
      }
      expect(registryDocumentOf(story.events)?.statusHistory).toHaveLength(4);
    });

    it('starts afresh at an issue, as evolve does, and makes nothing of events without one', () => {
      const log = eventLog();
      const first = certificateStory(log);
      first.issue();
      first.suspend();
      first.cancel('2026-07-01');
      const second = certificateStory(log);
      second.issue();
      second.changeName();
      const events = [...first.events, ...second.events];
      expect(registryDocumentOf(events)).toEqual(oneByOne(events));
      expect(registryDocumentOf(events)?.statusHistory).toHaveLength(1);
      expect(registryDocumentOf(first.events.slice(1))).toBeNull();
    });
  });

  it('declares its indexes: number (unique), holderName (substring), status, expiryDate', () => {
    expect(registryProjection).toMatchObject({ name: 'registry', version: 1 });
    expect(registryProjection.indexes).toEqual([
      { fields: ['number'], unique: true },
      { fields: ['holderName'], substring: true },
      { fields: ['status'] },
      { fields: ['expiryDate'] },
    ]);
  });
});
