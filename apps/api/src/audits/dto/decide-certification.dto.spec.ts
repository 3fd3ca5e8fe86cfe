import type { DecideCertificationInput } from '@app/certification';
import { badFieldsOf, problemsOf, withFields } from '../../common/dto-validation.fixtures';
import { DecideCertificationDto } from './decide-certification.dto';

const grant: DecideCertificationInput = {
  outcome: 'GRANT',
  reasons: [],
  scope: '智能客户服务 (电话、在线、APP 渠道)',
  effectiveDate: '2026-05-01',
};
const suspend: DecideCertificationInput = {
  outcome: 'SUSPEND',
  reasons: ['minor nonconformity 2 not corrected'],
  suspension: {
    ground: 'MINOR_NC_NOT_CORRECTED',
    reason: 'minor nonconformity 2 not corrected by its due date',
    correctionsRequired: ['complete QA sampling for March and April'],
    deadline: '2026-08-31',
  },
};
const revoke: DecideCertificationInput = {
  outcome: 'REVOKE',
  reasons: ['service outsourced without notice'],
  revocation: { ground: 'SERIOUS_NONCONFORMITY', findings: 'the service was outsourced without notice' },
};

describe('DecideCertificationDto', () => {
  it.each([
    ['GRANT', grant],
    ['SUSPEND', suspend],
    ['REVOKE', revoke],
    ['MAINTAIN', { outcome: 'MAINTAIN', reasons: [] }],
  ])('accepts a complete %s decision', async (_outcome, body) => {
    expect(await problemsOf(DecideCertificationDto, body)).toEqual([]);
  });

  it('requires the outcome and the list of reasons (which may be empty)', async () => {
    expect(await badFieldsOf(DecideCertificationDto, {})).toEqual(['outcome', 'reasons']);
    expect(await badFieldsOf(DecideCertificationDto, { outcome: 'APPROVE', reasons: 'good' })).toEqual([
      'outcome',
      'reasons',
    ]);
  });

  it('reports bad fields of the nested suspension notice, each on its path', async () => {
    const input = withFields(suspend, {
      'suspension.ground': 'LATE_FEES',
      'suspension.correctionsRequired': [],
      'suspension.deadline': '2026-8-31',
      'suspension.auditId': 'x',
    });
    expect(await badFieldsOf(DecideCertificationDto, input)).toEqual([
      'suspension.auditId',
      'suspension.correctionsRequired',
      'suspension.deadline',
      'suspension.ground',
    ]);
  });

  it('reports bad fields of the nested revocation and of the grant together', async () => {
    const input = {
      ...grant,
      effectiveDate: 'tomorrow',
      scope: '',
      revocation: { ground: 'SERIOUS_NONCONFORMITY' },
    };
    expect(await badFieldsOf(DecideCertificationDto, input)).toEqual([
      'effectiveDate',
      'revocation.findings',
      'scope',
    ]);
    expect(await badFieldsOf(DecideCertificationDto, { ...suspend, suspension: 'yes' })).toEqual([
      'suspension',
    ]);
  });
});
