import type { SubmitApplicationInput } from '@app/certification';
import { annexA, completeMaterials } from '@app/testing';
import { HttpException } from '@nestjs/common';
import { badFieldsOf, problemsOf, withField, withFields } from '../../common/dto-validation.fixtures';
import { createValidationPipe } from '../../platform/validation';
import { AnnexADto } from './annex-a.dto';
import { MaterialDto } from './material.dto';
import { SubmitApplicationDto } from './submit-application.dto';

const body = (): SubmitApplicationInput => ({
  kind: 'INITIAL',
  annexA: annexA(),
  materials: completeMaterials(),
});
const badFields = (input: unknown) => badFieldsOf(SubmitApplicationDto, input);

describe('SubmitApplicationDto', () => {
  it('accepts a complete application, with every optional field too', async () => {
    expect(await problemsOf(SubmitApplicationDto, body())).toEqual([]);
    const full: Required<SubmitApplicationInput> = {
      ...body(),
      kind: 'RECERTIFICATION',
      schemeVersion: 'CMM-525-0002/1',
      certificateNumber: 'CMM-ICS-2026-00042',
    };
    expect(await problemsOf(SubmitApplicationDto, full)).toEqual([]);
  });

  it('accepts materials that are still incomplete (a supplement will ask for the rest) and majorViolations', async () => {
    const input = withFields(body(), {
      materials: [],
      'annexA.declaration.majorViolations': [{ date: '2023-05-10', description: '行政处罚' }],
    });
    expect(await badFields(input)).toEqual([]);
  });

  it('reports a bad 统一社会信用代码 with its message', async () => {
    expect(
      await problemsOf(
        SubmitApplicationDto,
        withField(body(), 'annexA.organisation.uscc', '91350100M000100Y44'),
      ),
    ).toEqual([
      {
        field: 'annexA.organisation.uscc',
        problems: ['uscc must be a valid 统一社会信用代码 (18 characters, GB 32100-2015 check character)'],
      },
    ]);
  });

  it('reports wrong types', async () => {
    const input = withFields(body(), {
      kind: 'FIRST',
      'annexA.serviceOverview.staffCount': '230',
      'annexA.serviceOverview.annualVolume': 1.5,
      'annexA.serviceOverview.channels': 'PHONE',
      'annexA.declaration.statementsAccepted': 'yes',
      'annexA.organisation.name': 42,
    });
    expect(await badFields(input)).toEqual([
      'annexA.declaration.statementsAccepted',
      'annexA.organisation.name',
      'annexA.serviceOverview.annualVolume',
      'annexA.serviceOverview.channels',
      'annexA.serviceOverview.staffCount',
      'kind',
    ]);
  });

  it('reports missing required fields, sections and management dimensions', async () => {
    const input = withFields(body(), {
      materials: undefined,
      'annexA.declaration': undefined,
      'annexA.organisation.address': undefined,
      'annexA.managementSystem.areas.MULTIMODAL': undefined,
      'annexA.managementSystem.areas.STRATEGY.status': undefined,
    });
    expect(await badFields(input)).toEqual([
      'annexA.declaration',
      'annexA.managementSystem.areas.MULTIMODAL',
      'annexA.managementSystem.areas.STRATEGY.status',
      'annexA.organisation.address',
      'materials',
    ]);
  });

  it('reports unknown fields at every level', async () => {
    const input = withFields(body(), {
      applicationId: 'chosen-by-client',
      'annexA.organisation.fax': '0591-1234567',
      'materials.0.url': 'https://example.cn/licence.pdf',
    });
    expect(await problemsOf(SubmitApplicationDto, input)).toEqual(
      expect.arrayContaining([
        { field: 'applicationId', problems: ['property applicationId should not exist'] },
        { field: 'annexA.organisation.fax', problems: ['property fax should not exist'] },
        { field: 'materials[0].url', problems: ['property url should not exist'] },
      ]),
    );
    expect(await badFields(input)).toHaveLength(3);
  });

  it('reports bad dates', async () => {
    const input = withFields(body(), {
      'annexA.organisation.serviceFoundedOn': '2019-02-29',
      'annexA.managementSystem.operatingSince': '2025/01/01',
      'annexA.declaration.signedOn': '',
    });
    expect(await badFields(input)).toEqual([
      'annexA.declaration.signedOn',
      'annexA.managementSystem.operatingSince',
      'annexA.organisation.serviceFoundedOn',
    ]);
  });

  it('reports blank, oversize and out-of-range values', async () => {
    const input = withFields(body(), {
      'annexA.organisation.contactPerson': ' \u3000 ',
      'annexA.organisation.name': '名'.repeat(201),
      'annexA.organisation.address': 'a'.repeat(501),
      'annexA.serviceOverview.satisfactionRate': 100.5,
      'annexA.serviceOverview.staffCount': -1,
      'annexA.organisation.phone': 'call me',
      'annexA.organisation.email': 'lina.at.zhifu',
    });
    expect(await badFields(input)).toEqual([
      'annexA.organisation.address',
      'annexA.organisation.contactPerson',
      'annexA.organisation.email',
      'annexA.organisation.name',
      'annexA.organisation.phone',
      'annexA.serviceOverview.satisfactionRate',
      'annexA.serviceOverview.staffCount',
    ]);
    expect(await badFields(withField(body(), 'annexA.organisation.name', '名'.repeat(200)))).toEqual([]);
  });

  it('reports errors inside array elements by their index', async () => {
    const input = withFields(body(), {
      'annexA.performanceIndicators.1.category': 'QUALITY',
      'annexA.performanceIndicators.2.actual': '',
      'annexA.declaration.majorViolations': [{ date: '2023-13-01', description: 'x' }],
      'materials.2.sha256': 'A'.repeat(64),
      'materials.3.category': 'PHOTO',
      'annexA.serviceOverview.mainServices': ['ok', ''],
    });
    expect(await badFields(input)).toEqual([
      'annexA.declaration.majorViolations[0].date',
      'annexA.performanceIndicators[1].category',
      'annexA.performanceIndicators[2].actual',
      'annexA.serviceOverview.mainServices',
      'materials[2].sha256',
      'materials[3].category',
    ]);
  });

  it('requires at least one performance indicator, channel and service', async () => {
    const input = withFields(body(), {
      'annexA.performanceIndicators': [],
      'annexA.serviceOverview.channels': [],
      'annexA.serviceOverview.mainServices': [],
    });
    expect(await badFields(input)).toEqual([
      'annexA.performanceIndicators',
      'annexA.serviceOverview.channels',
      'annexA.serviceOverview.mainServices',
    ]);
  });

  it('reports every problem of one body together: 3 bad fields, 3 errors', async () => {
    const input = withFields(body(), {
      'annexA.organisation.uscc': 'not-a-code',
      'annexA.declaration.signedOn': '2026-02-30',
      'materials.0.sha256': 'abc',
    });
    expect(await problemsOf(SubmitApplicationDto, input)).toHaveLength(3);
  });

  it('reports null for an optional field, and a non-object where a section is expected', async () => {
    const input = withFields(body(), {
      schemeVersion: null,
      'annexA.organisation': 'Zhifu',
      'materials.0': null,
    });
    expect(await badFields(input)).toEqual(['annexA.organisation', 'materials[0]', 'schemeVersion']);
  });

  describe('through the API validation pipe', () => {
    const pipe = createValidationPipe();
    const metadata = { type: 'body' as const, metatype: SubmitApplicationDto };

    it('hands the controller DTO instances, nested ones included', async () => {
      const dto: unknown = await pipe.transform(body(), metadata);
      expect(dto).toBeInstanceOf(SubmitApplicationDto);
      expect((dto as SubmitApplicationDto).annexA).toBeInstanceOf(AnnexADto);
      expect((dto as SubmitApplicationDto).materials[0]).toBeInstanceOf(MaterialDto);
      expect(JSON.parse(JSON.stringify(dto))).toEqual(body());
    });

    it('answers 400 VALIDATION_FAILED listing every bad field', async () => {
      const input = withFields(body(), {
        kind: 'X',
        'annexA.organisation.uscc': '1',
        'materials.1.name': ' ',
      });
      const error: unknown = await pipe.transform(input, metadata).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(HttpException);
      expect((error as HttpException).getResponse()).toMatchObject({
        statusCode: 400,
        code: 'VALIDATION_FAILED',
        details: [{ field: 'kind' }, { field: 'annexA.organisation.uscc' }, { field: 'materials[1].name' }],
      });
    });
  });
});
