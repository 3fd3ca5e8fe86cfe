import { addDays, usccCheckCharacter } from '@app/domain';
import { annexA, completeMaterials, scoreSheet } from '@app/testing';
import { BENCH_TODAY } from '../datasets/certification-files';

/** The bench users' tokens a file's commands need, and the auditor's id (the audit team's lead). */
export interface FileWalkUsers {
  intake: string;
  programme: string;
  auditor: string;
  auditorId: string;
  reviewer: string;
  decider: string;
}

/** What one step of a file took, by step, in the order the steps ran. */
export type StepTimes = Map<string, number[]>;

/** A new organisation's 统一社会信用代码 each time: no sanction of the dataset's applies (R-APP-3). */
const freshUscc = (serial: number): string => {
  const first17 = `91350100MB${String(serial).padStart(7, '0')}`;
  return first17 + usccCheckCharacter(first17);
};

/**
 * Walks `count` files over HTTP, one command at a time, from the application to its certificate suspended and
 * reinstated, and times each command: a command whose work grows with the scheme (reading every certificate, a
 * whole year of numbers) shows here, where the load cases send one kind of command.
 */
export const walkFiles = async (url: string, users: FileWalkUsers, count: number): Promise<StepTimes> => {
  const times: StepTimes = new Map();
  const step = async (
    label: string,
    token: string,
    path: string,
    body: object,
  ): Promise<Record<string, unknown>> => {
    const started = performance.now();
    const response = await fetch(`${url}/api/v1${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
    });
    const answer = (await response.json()) as Record<string, unknown>;
    const ms = performance.now() - started;
    if (!response.ok) throw new Error(`file walk, ${label}: ${response.status} ${JSON.stringify(answer)}`);
    times.set(label, [...(times.get(label) ?? []), ms]);
    return answer;
  };
  for (let file = 0; file < count; file++) {
    const form = annexA();
    const { id: applicationId } = (await step('submit the application', users.intake, '/applications', {
      kind: 'INITIAL',
      annexA: { ...form, organisation: { ...form.organisation, uscc: freshUscc((Date.now() % 1e6) + file) } },
      materials: completeMaterials(),
    })) as { id: string };
    await step(
      'accept it (R-APP-3: the organisation’s sanctions)',
      users.intake,
      `/applications/${applicationId}/accept`,
      {
        legalEntityVerified: true,
      },
    );
    const { id: auditId } = (await step('plan the audit', users.programme, '/audits', {
      type: 'INITIAL',
      applicationId,
      plannedStartDate: BENCH_TODAY,
      plannedEndDate: addDays(BENCH_TODAY, 2),
      onSiteDays: 3,
    })) as { id: string };
    const audit = `/audits/${auditId}`;
    await step('assign the team', users.programme, `${audit}/assign-team`, {
      leadAuditorId: users.auditorId,
      memberIds: [],
    });
    await step('start the audit', users.auditor, `${audit}/start`, {});
    await step('record the scores', users.auditor, `${audit}/scores`, {
      sheet: scoreSheet({ fraction: 0.8 }),
    });
    await step('complete the audit', users.auditor, `${audit}/complete`, {
      conclusion: '符合',
      recommendation: 'GRANT',
      lastAuditDay: BENCH_TODAY,
    });
    await step('start the technical review', users.reviewer, `${audit}/technical-review/start`, {});
    await step('approve it', users.reviewer, `${audit}/technical-review`, {
      verdict: 'APPROVE',
      checks: { processConformity: true, nonconformitiesAccurate: true, conclusionSound: true },
      comments: '',
    });
    const decided = (await step('decide GRANT (R-CERT-1: the number)', users.decider, `${audit}/decide`, {
      outcome: 'GRANT',
      reasons: [],
      scope: '智能客户服务',
    })) as { created: { certificateNumber: string } };
    const certificate = `/certificates/${decided.created.certificateNumber}`;
    await step('suspend the certificate', users.decider, `${certificate}/suspend`, {
      ground: 'GENERAL_VIOLATION',
      reason: '一般违法违规',
      correctionsRequired: ['整改'],
      deadline: '2026-09-01',
    });
    await step('reinstate it', users.decider, `${certificate}/reinstate`, {
      verification: { kind: 'REVIEW', reference: 'R-1' },
      reason: '整改已验证',
    });
  }
  return times;
};
