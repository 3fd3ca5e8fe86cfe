import type { ScheduleAuditInput } from '@app/certification';
import { badFieldsOf, problemsOf } from '../../common/dto-validation.fixtures';
import { ScheduleAuditDto } from './schedule-audit.dto';

const APPLICATION_ID = '3f2c8f0e-5d7b-4c1a-9e62-0a4b7d9c1e55';
const initial: ScheduleAuditInput = {
  type: 'INITIAL',
  applicationId: APPLICATION_ID,
  plannedStartDate: '2026-04-13',
  plannedEndDate: '2026-04-15',
  onSiteDays: 3,
};
const surveillance: ScheduleAuditInput = {
  type: 'SURVEILLANCE',
  certificateNumber: 'CMM-ICS-2026-00042',
  plannedStartDate: '2027-03-01',
  plannedEndDate: '2027-03-01',
  onSiteDays: 1.5,
  daysJustification: 'one site only',
};
const EXACTLY_ONE = 'exactly one of applicationId, certificateNumber must be given';

describe('ScheduleAuditDto', () => {
  it('accepts an audit of an application, and one of a certificate', async () => {
    expect(await problemsOf(ScheduleAuditDto, initial)).toEqual([]);
    expect(await problemsOf(ScheduleAuditDto, surveillance)).toEqual([]);
  });

  it('reports "neither applicationId nor certificateNumber" as a field error', async () => {
    const { applicationId: _omitted, ...neither } = initial;
    const problems = await problemsOf(ScheduleAuditDto, neither);
    expect(problems.map((p) => p.field)).toEqual(['applicationId']);
    expect(problems[0].problems).toContain(EXACTLY_ONE);
  });

  it('reports "both applicationId and certificateNumber" as a field error', async () => {
    expect(
      await problemsOf(ScheduleAuditDto, { ...initial, certificateNumber: 'CMM-ICS-2026-00042' }),
    ).toEqual([{ field: 'applicationId', problems: [EXACTLY_ONE] }]);
  });

  it('reports a malformed subject', async () => {
    expect(await badFieldsOf(ScheduleAuditDto, { ...initial, applicationId: 'app-1' })).toEqual([
      'applicationId',
    ]);
    expect(await badFieldsOf(ScheduleAuditDto, { ...surveillance, certificateNumber: ' ' })).toEqual([
      'certificateNumber',
    ]);
  });

  it('reports every problem of one body together', async () => {
    const input = {
      ...initial,
      type: 'ANNUAL',
      plannedStartDate: '2026-04-31',
      plannedEndDate: undefined,
      onSiteDays: 0,
      daysJustification: '',
      auditId: 'chosen-by-client',
    };
    expect(await badFieldsOf(ScheduleAuditDto, input)).toEqual([
      'auditId',
      'daysJustification',
      'onSiteDays',
      'plannedEndDate',
      'plannedStartDate',
      'type',
    ]);
  });

  it('takes on-site days as a positive number up to a year', async () => {
    expect(await badFieldsOf(ScheduleAuditDto, { ...initial, onSiteDays: '3' })).toEqual(['onSiteDays']);
    expect(await badFieldsOf(ScheduleAuditDto, { ...initial, onSiteDays: -2 })).toEqual(['onSiteDays']);
    expect(await badFieldsOf(ScheduleAuditDto, { ...initial, onSiteDays: 366 })).toEqual(['onSiteDays']);
  });
});
