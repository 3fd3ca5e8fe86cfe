import type {
  AcceptApplicationCommand,
  ProvideSupplementCommand,
  RejectApplicationCommand,
  RequestSupplementCommand,
  WithdrawApplicationCommand,
} from '@app/certification';
import { annexA, completeMaterials } from '@app/testing';
import { badFieldsOf, problemsOf, withFields } from '../../common/dto-validation.fixtures';
import { AcceptApplicationDto } from './accept-application.dto';
import { ProvideSupplementDto } from './provide-supplement.dto';
import { RejectApplicationDto } from './reject-application.dto';
import { RequestSupplementDto } from './request-supplement.dto';
import { WithdrawApplicationDto } from './withdraw-application.dto';

// Valid bodies are typed as the command inputs, with every optional field: a DTO field spelt differently
// from its input would then be rejected as unknown.
const requestSupplement: RequestSupplementCommand['input'] = {
  items: [{ item: 'PERFORMANCE_DATA', description: '近3个月的绩效数据, only January was provided' }],
};
const provideSupplement: Required<ProvideSupplementCommand['input']> = {
  items: ['PERFORMANCE_DATA'],
  materials: completeMaterials(),
  annexA: annexA(),
  note: 'Q1 data attached',
};
const accept: AcceptApplicationCommand['input'] = { legalEntityVerified: true };
const reject: RejectApplicationCommand['input'] = {
  unmetConditions: ['management system in operation for less than 3 months'],
  reason: '§6.1.1 (3) not met',
};
const withdraw: WithdrawApplicationCommand['input'] = { reason: 'withdrawn by letter of 2026-03-10' };

describe('application command DTOs', () => {
  it.each([
    ['RequestSupplementDto', RequestSupplementDto, requestSupplement],
    ['ProvideSupplementDto', ProvideSupplementDto, provideSupplement],
    ['ProvideSupplementDto (items only)', ProvideSupplementDto, { items: ['PERFORMANCE_DATA'] }],
    ['AcceptApplicationDto', AcceptApplicationDto, accept],
    [
      'AcceptApplicationDto (not verified: R-APP-3 says no)',
      AcceptApplicationDto,
      { legalEntityVerified: false },
    ],
    ['RejectApplicationDto', RejectApplicationDto, reject],
    ['WithdrawApplicationDto', WithdrawApplicationDto, withdraw],
  ])('%s accepts a complete body', async (_name, dto, body) => {
    expect(await problemsOf(dto, body)).toEqual([]);
  });

  it.each([
    ['RequestSupplementDto', RequestSupplementDto, {}, ['items']],
    ['ProvideSupplementDto', ProvideSupplementDto, {}, ['items']],
    ['AcceptApplicationDto', AcceptApplicationDto, {}, ['legalEntityVerified']],
    ['RejectApplicationDto', RejectApplicationDto, {}, ['reason', 'unmetConditions']],
    ['WithdrawApplicationDto', WithdrawApplicationDto, {}, ['reason']],
  ])('%s reports missing required fields', async (_name, dto, body, fields) => {
    expect(await badFieldsOf(dto, body)).toEqual(fields);
  });

  it.each([
    ['RequestSupplementDto', RequestSupplementDto, requestSupplement],
    ['ProvideSupplementDto', ProvideSupplementDto, provideSupplement],
    ['AcceptApplicationDto', AcceptApplicationDto, accept],
    ['RejectApplicationDto', RejectApplicationDto, reject],
    ['WithdrawApplicationDto', WithdrawApplicationDto, withdraw],
  ])('%s reports an unknown field', async (_name, dto, body) => {
    expect(await problemsOf(dto, { ...body, sanctions: [] })).toEqual([
      { field: 'sanctions', problems: ['property sanctions should not exist'] },
    ]);
  });

  describe('RequestSupplementDto', () => {
    it('needs at least one item, each with a non-blank item and description', async () => {
      expect(await badFieldsOf(RequestSupplementDto, { items: [] })).toEqual(['items']);
      const input = {
        items: [{ item: 'A', description: 'x' }, { item: ' ', description: 'x' }, { item: 'C' }, 'D'],
      };
      expect(await badFieldsOf(RequestSupplementDto, input)).toEqual([
        'items[1].item',
        'items[2].description',
        'items[3]',
      ]);
    });
  });

  describe('ProvideSupplementDto', () => {
    it('validates the optional materials and form when they are sent', async () => {
      const input = withFields(provideSupplement, {
        'materials.0.sha256': 'nope',
        'annexA.organisation.uscc': '91350100M000100Y44',
        note: '',
        items: ['PERFORMANCE_DATA', 7],
      });
      expect(await badFieldsOf(ProvideSupplementDto, input)).toEqual([
        'annexA.organisation.uscc',
        'items',
        'materials[0].sha256',
        'note',
      ]);
    });
  });

  describe('AcceptApplicationDto', () => {
    it('takes a boolean, not a string', async () => {
      expect(await badFieldsOf(AcceptApplicationDto, { legalEntityVerified: 'true' })).toEqual([
        'legalEntityVerified',
      ]);
    });
  });

  describe('RejectApplicationDto', () => {
    it('needs at least one non-blank unmet condition and a reason: 3 bad fields, 3 errors', async () => {
      expect(await badFieldsOf(RejectApplicationDto, { unmetConditions: [], reason: '  ' })).toEqual([
        'reason',
        'unmetConditions',
      ]);
      expect(
        await problemsOf(RejectApplicationDto, { unmetConditions: [''], reason: 'x'.repeat(5001), extra: 1 }),
      ).toHaveLength(3);
    });
  });
});
