import type {
  CancelCertificateCommand,
  ChangeCertificateCommand,
  DecideRevocationAppealCommand,
  FinaliseRevocationCommand,
  IssueRevocationNoticeCommand,
  LodgeRevocationAppealCommand,
  OpenRevocationCommand,
  ReinstateCertificateCommand,
  ReissueCertificateCommand,
  SuspendCertificateCommand,
} from '@app/certification';
import { CANCELLATION_GROUNDS, PUNITIVE_CANCELLATION_GROUNDS } from '@app/domain';
import { badFieldsOf, problemsOf } from '../../common/dto-validation.fixtures';
import { CancelCertificateDto } from './cancel-certificate.dto';
import { ChangeCertificateDto } from './change-certificate.dto';
import { DecideRevocationAppealDto } from './decide-revocation-appeal.dto';
import { FinaliseRevocationDto } from './finalise-revocation.dto';
import { IssueRevocationNoticeDto } from './issue-revocation-notice.dto';
import { LodgeRevocationAppealDto } from './lodge-revocation-appeal.dto';
import { OpenRevocationDto } from './open-revocation.dto';
import { ReinstateCertificateDto } from './reinstate-certificate.dto';
import { ReissueCertificateDto } from './reissue-certificate.dto';
import { SuspendCertificateDto } from './suspend-certificate.dto';

const AUDIT_ID = '5a0c7f4e-2b1d-4e8a-9c3f-6d7e8f9a0b1c';

// Typed as the command inputs, with every optional field: a misspelt DTO field would be rejected as unknown.
const suspend: Required<SuspendCertificateCommand['input']> = {
  ground: 'MAJOR_CHANGE_NOT_REPORTED',
  reason: 'relocation not reported',
  correctionsRequired: ['report the relocation'],
  deadline: '2026-08-31',
  auditId: AUDIT_ID,
};
const reinstate: ReinstateCertificateCommand['input'] = {
  verification: { kind: 'REVIEW', reference: 'REV-2026-031' },
  reason: 'correction verified',
};
const openRevocation: Required<OpenRevocationCommand['input']> = {
  ground: 'FALSE_INFORMATION',
  investigation: { findings: 'false performance data' },
  auditId: AUDIT_ID,
};
const notice: IssueRevocationNoticeCommand['input'] = {
  reasons: ['false performance data in the application'],
};
const appeal: LodgeRevocationAppealCommand['input'] = { grounds: 'the data were corrected' };
const decideAppeal: DecideRevocationAppealCommand['input'] = {
  verdict: 'REJECTED',
  reason: 'corrections postdate',
};
const finalise: FinaliseRevocationCommand['input'] = { reason: 'no appeal within the window' };
const cancel: CancelCertificateCommand['input'] = { ground: 'HOLDER_REQUEST', reason: 'service ceased' };
const change: ChangeCertificateCommand['input'] = {
  field: 'ADDRESS',
  after: '福州市台江区江滨中大道 8 号',
  reason: 'moved',
};
const reissue: Required<ReissueCertificateCommand['input']> = {
  reason: 'LOST',
  note: 'lost during the move',
};

const DTOS = [
  ['SuspendCertificateDto', SuspendCertificateDto, suspend],
  ['ReinstateCertificateDto', ReinstateCertificateDto, reinstate],
  ['OpenRevocationDto', OpenRevocationDto, openRevocation],
  ['IssueRevocationNoticeDto', IssueRevocationNoticeDto, notice],
  ['LodgeRevocationAppealDto', LodgeRevocationAppealDto, appeal],
  ['DecideRevocationAppealDto', DecideRevocationAppealDto, decideAppeal],
  ['FinaliseRevocationDto', FinaliseRevocationDto, finalise],
  ['CancelCertificateDto', CancelCertificateDto, cancel],
  ['ChangeCertificateDto', ChangeCertificateDto, change],
  ['ReissueCertificateDto', ReissueCertificateDto, reissue],
] as const;

describe('certificate command DTOs', () => {
  it.each(DTOS)('%s accepts a complete body', async (_name, dto, body) => {
    expect(await problemsOf(dto, body)).toEqual([]);
  });

  it.each(DTOS)('%s reports an unknown field', async (_name, dto, body) => {
    expect(await problemsOf(dto, { ...body, certificateNumber: 'CMM-ICS-2026-00042' })).toEqual([
      { field: 'certificateNumber', problems: ['property certificateNumber should not exist'] },
    ]);
  });

  it.each([
    ['SuspendCertificateDto', SuspendCertificateDto, ['correctionsRequired', 'deadline', 'ground', 'reason']],
    ['ReinstateCertificateDto', ReinstateCertificateDto, ['reason', 'verification']],
    ['OpenRevocationDto', OpenRevocationDto, ['ground', 'investigation']],
    ['IssueRevocationNoticeDto', IssueRevocationNoticeDto, ['reasons']],
    ['LodgeRevocationAppealDto', LodgeRevocationAppealDto, ['grounds']],
    ['DecideRevocationAppealDto', DecideRevocationAppealDto, ['reason', 'verdict']],
    ['FinaliseRevocationDto', FinaliseRevocationDto, ['reason']],
    ['CancelCertificateDto', CancelCertificateDto, ['ground', 'reason']],
    ['ChangeCertificateDto', ChangeCertificateDto, ['after', 'field', 'reason']],
    ['ReissueCertificateDto', ReissueCertificateDto, ['reason']],
  ])('%s reports every missing required field', async (_name, dto, fields) => {
    expect(await badFieldsOf(dto, {})).toEqual(fields);
  });

  it('SuspendCertificateDto reports a bad ground, no corrections, a bad deadline and audit id together', async () => {
    const input = {
      ...suspend,
      ground: 'LATE',
      correctionsRequired: [],
      deadline: '2026-02-29',
      auditId: '42',
    };
    expect(await badFieldsOf(SuspendCertificateDto, input)).toEqual([
      'auditId',
      'correctionsRequired',
      'deadline',
      'ground',
    ]);
    expect(
      await badFieldsOf(SuspendCertificateDto, { ...suspend, correctionsRequired: ['ok', '  '] }),
    ).toEqual(['correctionsRequired']);
  });

  it('ReinstateCertificateDto and OpenRevocationDto report errors inside their nested objects', async () => {
    expect(
      await badFieldsOf(ReinstateCertificateDto, {
        ...reinstate,
        verification: { kind: 'PHONE_CALL', reference: '' },
      }),
    ).toEqual(['verification.kind', 'verification.reference']);
    expect(
      await badFieldsOf(OpenRevocationDto, { ...openRevocation, investigation: { findings: 3 } }),
    ).toEqual(['investigation.findings']);
  });

  it('IssueRevocationNoticeDto needs at least one reason', async () => {
    expect(await badFieldsOf(IssueRevocationNoticeDto, { reasons: [] })).toEqual(['reasons']);
  });

  describe('CancelCertificateDto', () => {
    it.each([...CANCELLATION_GROUNDS, ...PUNITIVE_CANCELLATION_GROUNDS])(
      'lets %s through (punitive grounds are refused by the domain with R-CERT-8)',
      async (ground) => {
        expect(await problemsOf(CancelCertificateDto, { ...cancel, ground })).toEqual([]);
      },
    );

    it('reports a ground that is neither', async () => {
      expect(await badFieldsOf(CancelCertificateDto, { ...cancel, ground: 'BANKRUPTCY' })).toEqual([
        'ground',
      ]);
    });
  });

  describe('ChangeCertificateDto', () => {
    it.each([
      ['NAME', 200],
      ['ADDRESS', 500],
      ['SCOPE', 5000],
    ])('limits the new %s to %i characters', async (field, limit) => {
      expect(await problemsOf(ChangeCertificateDto, { ...change, field, after: '字'.repeat(limit) })).toEqual(
        [],
      );
      expect(
        await problemsOf(ChangeCertificateDto, { ...change, field, after: '字'.repeat(limit + 1) }),
      ).toEqual([{ field: 'after', problems: [`after must be at most ${limit} characters long`] }]);
    });

    it('reports a field that cannot be changed', async () => {
      expect(await badFieldsOf(ChangeCertificateDto, { ...change, field: 'USCC' })).toEqual(['field']);
    });
  });

  it('ReissueCertificateDto reports a bad reason and a null note', async () => {
    expect(await badFieldsOf(ReissueCertificateDto, { reason: 'STOLEN', note: null })).toEqual([
      'note',
      'reason',
    ]);
  });
});
