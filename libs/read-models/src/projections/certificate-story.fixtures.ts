/**
 * A certificate's life produced by the real decider (test helper, imported by *.spec.ts only), recorded on its
 * stream `certificate-<number>`. Each step is a command of the domain story: decide → append → fold.
 */
import { certificateDecider, certificateStreamName, fold } from '@app/domain';
import type { Actor, CertificateCommand, CertificateEvent } from '@app/domain';
import { at, issueData, NUMBER, results } from '@app/domain/certificate/certificate.fixtures';
import type { RecordedEvent } from '@app/event-store';
import { actors, ctx } from '@app/testing';
import { eventLog } from './projection-spec.fixtures';

export { NUMBER };

type Data<T extends CertificateCommand['type']> = Extract<CertificateCommand, { type: T }>['data'];

export const certificateStory = (log = eventLog(), number = NUMBER) => {
  const decided: CertificateEvent[] = [];
  const events: RecordedEvent[] = [];
  const run = <T extends CertificateCommand['type']>(
    type: T,
    data: Data<T>,
    date: string,
    actor: Actor = actors.decisionMaker,
  ): RecordedEvent[] => {
    const state = fold(certificateDecider.evolve, certificateDecider.initialState, decided);
    const cmd = { type, data, context: ctx(actor, at(date)) } as CertificateCommand;
    const next = certificateDecider.decide(cmd, state);
    decided.push(...next);
    const recorded = next.map((event) =>
      log.append(certificateStreamName(number), event, { actor, occurredAt: at(date) }),
    );
    events.push(...recorded);
    return recorded;
  };
  const steps = {
    issue: () => run('IssueCertificate', issueData({ number }), '2026-01-10'),
    changeName: () =>
      run(
        'ChangeCertificate',
        { field: 'NAME', after: '示例智能科技有限公司', reason: 'Company renamed' },
        '2026-02-02',
        actors.registryOfficer,
      ),
    changeAddress: () =>
      run(
        'ChangeCertificate',
        { field: 'ADDRESS', after: '上海市浦东新区示例路2号', reason: 'Head office moved' },
        '2026-03-02',
        actors.registryOfficer,
      ),
    changeScope: () =>
      run(
        'ChangeCertificate',
        { field: 'SCOPE', after: '智能客户服务（在线客服）', reason: 'Voice robots discontinued' },
        '2026-03-09',
        actors.registryOfficer,
      ),
    reissue: () =>
      run(
        'ReissueCertificate',
        { reason: 'LOST', note: 'Holder lost the original; internal ticket 4711' },
        '2026-03-16',
        actors.registryOfficer,
      ),
    suspend: () =>
      run(
        'SuspendCertificate',
        {
          ground: 'MINOR_NC_NOT_CORRECTED',
          reason: 'NC-3 open past its due date',
          correctionsRequired: ['Close NC-3 (complaint handling records)'],
          deadline: '2026-09-01',
        },
        '2026-06-01',
      ),
    reinstate: () =>
      run(
        'ReinstateCertificate',
        { verification: { kind: 'AUDIT', reference: 'audit-special-1' }, reason: 'NC-3 verified closed' },
        '2026-08-20',
      ),
    surveil: () =>
      run(
        'RecordSurveillance',
        {
          auditId: 'audit-surv-1',
          auditType: 'SURVEILLANCE',
          decisionDate: '2026-12-15',
          outcome: 'MAINTAIN',
          conclusion: 'Continues to conform',
          leadAuditorId: 'user-lead',
        },
        '2026-12-16',
      ),
    renew: () =>
      run(
        'RenewCertificate',
        {
          grant: {
            auditId: 'audit-recert-1',
            auditType: 'RECERTIFICATION',
            decisionDate: '2028-11-30',
            decisionMaker: actors.decisionMaker,
          },
          evaluationResults: { ...results, composite: 88 },
        },
        '2028-12-01',
      ),
    openRevocation: () =>
      run(
        'OpenRevocation',
        { ground: 'SERIOUS_VIOLATION', investigation: { findings: 'Customer data sold to third parties' } },
        '2029-03-01',
      ),
    noticeRevocation: () =>
      run('IssueRevocationNotice', { reasons: ['Serious violation of PIPL'] }, '2029-03-05'),
    appeal: () => run('LodgeRevocationAppeal', { grounds: 'A contractor acted alone' }, '2029-03-20'),
    decideAppeal: (verdict: 'UPHELD' | 'REJECTED') =>
      run('DecideRevocationAppeal', { verdict, reason: 'Appeal examined by the committee' }, '2029-03-28'),
    finaliseRevocation: () =>
      run('FinaliseRevocation', { reason: 'Revoked after rejected appeal' }, '2029-03-29'),
    cancel: (date = '2026-05-04') =>
      run('CancelCertificate', { ground: 'HOLDER_REQUEST', reason: 'Holder stopped the service' }, date),
  };
  return { events, run, ...steps };
};

/** A certificate through every kind of event its decider records, up to its revocation after a rejected appeal. */
export const wholeCertificateStory = (log = eventLog(), number = NUMBER) => {
  const story = certificateStory(log, number);
  story.issue();
  story.changeName();
  story.reissue();
  story.suspend();
  story.reinstate();
  story.surveil();
  story.renew();
  story.openRevocation();
  story.noticeRevocation();
  story.appeal();
  story.decideAppeal('REJECTED');
  story.finaliseRevocation();
  return story;
};

/** The actor ids the story uses: they must never reach a public document (R-REG-2). */
export const STORY_ACTOR_IDS = [actors.decisionMaker.id, actors.registryOfficer.id];
