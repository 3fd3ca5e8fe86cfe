import type {
  AssignAuditTeamCommand,
  CancelAuditCommand,
  CompleteAuditReportCommand,
  CompleteTechnicalReviewCommand,
  RaiseNonconformityCommand,
  RecordDecisionNoticeCommand,
  RecordObservationCommand,
  RejectNonconformityResponseCommand,
  RespondToNonconformityCommand,
  VerifyNonconformityCommand,
} from '@app/certification';
import { badFieldsOf, problemsOf } from '../../common/dto-validation.fixtures';
import { AssignAuditTeamDto } from './assign-audit-team.dto';
import { CancelAuditDto } from './cancel-audit.dto';
import { CompleteAuditReportDto } from './complete-audit-report.dto';
import { CompleteTechnicalReviewDto } from './complete-technical-review.dto';
import { RaiseNonconformityDto } from './raise-nonconformity.dto';
import { RecordDecisionNoticeDto } from './record-decision-notice.dto';
import { RecordObservationDto } from './record-observation.dto';
import { RejectNonconformityResponseDto } from './reject-nonconformity-response.dto';
import { RespondToNonconformityDto } from './respond-to-nonconformity.dto';
import { VerifyNonconformityDto } from './verify-nonconformity.dto';

// Typed as the command inputs, with every optional field: a misspelt DTO field would be rejected as unknown.
const assignTeam: AssignAuditTeamCommand['input'] = {
  leadAuditorId: 'auditor-wang',
  memberIds: ['auditor-chen'],
};
const raise: Required<RaiseNonconformityCommand['input']> = {
  grade: 'MINOR',
  clause: 'GB/T 43045.1-2023 5.1.1',
  evidence: 'QA sampling records for February are missing',
  dueDate: '2026-05-15',
};
const respond: RespondToNonconformityCommand['input'] = {
  rootCause: 'QA owner on leave',
  correction: 'sampling done',
  correctiveAction: 'deputy named',
};
const rejectResponse: RejectNonconformityResponseCommand['input'] = { reason: 'root cause not analysed' };
const verify: VerifyNonconformityCommand['input'] = { evidence: 'March records reviewed' };
const observation: RecordObservationCommand['input'] = { text: 'knowledge base review is informal' };
const report: CompleteAuditReportCommand['input'] = {
  conclusion: 'conforms',
  recommendation: 'recommend certification',
  lastAuditDay: '2026-04-15',
};
const review: CompleteTechnicalReviewCommand['input'] = {
  verdict: 'APPROVE',
  checks: { processConformity: true, nonconformitiesAccurate: true, conclusionSound: true },
  comments: '',
};
const notice: Required<RecordDecisionNoticeCommand['input']> = {
  sentOn: '2026-05-02',
  reference: 'ZF-2026-017',
  reasons: ['minor nonconformity 2 open'],
  appealRightsStated: true,
};
const cancel: CancelAuditCommand['input'] = { reason: 'application withdrawn' };

const DTOS = [
  ['AssignAuditTeamDto', AssignAuditTeamDto, assignTeam],
  ['RaiseNonconformityDto', RaiseNonconformityDto, raise],
  ['RespondToNonconformityDto', RespondToNonconformityDto, respond],
  ['RejectNonconformityResponseDto', RejectNonconformityResponseDto, rejectResponse],
  ['VerifyNonconformityDto', VerifyNonconformityDto, verify],
  ['RecordObservationDto', RecordObservationDto, observation],
  ['CompleteAuditReportDto', CompleteAuditReportDto, report],
  ['CompleteTechnicalReviewDto', CompleteTechnicalReviewDto, review],
  ['RecordDecisionNoticeDto', RecordDecisionNoticeDto, notice],
  ['CancelAuditDto', CancelAuditDto, cancel],
] as const;

describe('audit command DTOs', () => {
  it.each(DTOS)('%s accepts a complete body', async (_name, dto, body) => {
    expect(await problemsOf(dto, body)).toEqual([]);
  });

  it.each(DTOS)('%s reports an unknown field', async (_name, dto, body) => {
    expect(await problemsOf(dto, { ...body, nonconformityId: 'x' })).toEqual([
      { field: 'nonconformityId', problems: ['property nonconformityId should not exist'] },
    ]);
  });

  it.each([
    ['AssignAuditTeamDto', AssignAuditTeamDto, ['leadAuditorId', 'memberIds']],
    ['RaiseNonconformityDto', RaiseNonconformityDto, ['clause', 'evidence', 'grade']],
    ['RespondToNonconformityDto', RespondToNonconformityDto, ['correction', 'correctiveAction', 'rootCause']],
    ['RejectNonconformityResponseDto', RejectNonconformityResponseDto, ['reason']],
    ['VerifyNonconformityDto', VerifyNonconformityDto, ['evidence']],
    ['RecordObservationDto', RecordObservationDto, ['text']],
    ['CompleteAuditReportDto', CompleteAuditReportDto, ['conclusion', 'lastAuditDay', 'recommendation']],
    ['CompleteTechnicalReviewDto', CompleteTechnicalReviewDto, ['checks', 'comments', 'verdict']],
    ['RecordDecisionNoticeDto', RecordDecisionNoticeDto, ['appealRightsStated', 'reference', 'sentOn']],
    ['CancelAuditDto', CancelAuditDto, ['reason']],
  ])('%s reports every missing required field', async (_name, dto, fields) => {
    expect(await badFieldsOf(dto, {})).toEqual(fields);
  });

  it('AssignAuditTeamDto takes an empty member list but not blank or repeated ids', async () => {
    expect(await problemsOf(AssignAuditTeamDto, { ...assignTeam, memberIds: [] })).toEqual([]);
    expect(await badFieldsOf(AssignAuditTeamDto, { leadAuditorId: '', memberIds: ['a', 'a'] })).toEqual([
      'leadAuditorId',
      'memberIds',
    ]);
    expect(await badFieldsOf(AssignAuditTeamDto, { ...assignTeam, memberIds: 'auditor-chen' })).toEqual([
      'memberIds',
    ]);
  });

  it('RaiseNonconformityDto reports a bad grade, a bad due date and oversize evidence together', async () => {
    const input = { ...raise, grade: 'CRITICAL', dueDate: '15.05.2026', evidence: 'e'.repeat(5001) };
    expect(await badFieldsOf(RaiseNonconformityDto, input)).toEqual(['dueDate', 'evidence', 'grade']);
    const { dueDate: _defaulted, ...withoutDueDate } = raise;
    expect(await problemsOf(RaiseNonconformityDto, withoutDueDate)).toEqual([]);
  });

  it('CompleteAuditReportDto reports a date that does not exist', async () => {
    expect(await badFieldsOf(CompleteAuditReportDto, { ...report, lastAuditDay: '2026-06-31' })).toEqual([
      'lastAuditDay',
    ]);
  });

  it('CompleteTechnicalReviewDto reports each bad check inside the checks object', async () => {
    const input = {
      ...review,
      verdict: 'MAYBE',
      checks: { processConformity: 'yes', conclusionSound: true, extra: true },
    };
    expect(await badFieldsOf(CompleteTechnicalReviewDto, input)).toEqual([
      'checks.extra',
      'checks.nonconformitiesAccurate',
      'checks.processConformity',
      'verdict',
    ]);
    expect(
      await problemsOf(CompleteTechnicalReviewDto, { ...review, verdict: 'RETURN', comments: 'redo C.2' }),
    ).toEqual([]);
  });

  it('RecordDecisionNoticeDto takes the reasons as optional, but reports bad elements and null', async () => {
    const { reasons: _none, ...withoutReasons } = notice;
    expect(await problemsOf(RecordDecisionNoticeDto, withoutReasons)).toEqual([]);
    expect(await badFieldsOf(RecordDecisionNoticeDto, { ...notice, reasons: ['ok', ''] })).toEqual([
      'reasons',
    ]);
    expect(await badFieldsOf(RecordDecisionNoticeDto, { ...notice, reasons: null })).toEqual(['reasons']);
  });
});
