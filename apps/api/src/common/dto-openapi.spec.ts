import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import * as applications from '../applications/dto';
import * as audits from '../audits/dto';
import * as certificates from '../certificates/dto';
import { CommandResultDto, CreatedResultDto } from './command-result.dto';
import { createTestApp } from '@app/testing';

type SchemaObject = { required?: string[]; properties?: Record<string, { enum?: unknown[] }> };

/** Every exported class ending in Dto, by name. */
const dtoClasses = (...barrels: object[]): [string, new () => object][] =>
  barrels.flatMap((barrel) =>
    Object.entries(barrel).filter(
      (entry): entry is [string, new () => object] =>
        entry[0].endsWith('Dto') && typeof entry[1] === 'function',
    ),
  );
const BODY_DTOS = dtoClasses(applications, audits, certificates);

describe('OpenAPI description of the DTOs', () => {
  let app: INestApplication;
  let document: OpenAPIObject;
  const schema = (name: string) => document.components?.schemas?.[name] as SchemaObject;

  beforeAll(async () => {
    const module = await Test.createTestingModule({}).compile();
    app = createTestApp(module, { logger: false });
    document = SwaggerModule.createDocument(app, new DocumentBuilder().build(), {
      extraModels: [...BODY_DTOS.map(([, dto]) => dto), CommandResultDto, CreatedResultDto],
    });
  });
  afterAll(() => app.close());

  it('describes every request DTO', () => {
    expect(BODY_DTOS.length).toBeGreaterThan(40);
    for (const [name] of BODY_DTOS) expect(schema(name)).toBeDefined();
  });

  it('marks required and optional fields and nests section schemas', () => {
    expect(schema('SubmitApplicationDto').required).toEqual(['kind', 'annexA', 'materials']);
    expect(schema('SubmitApplicationDto').properties?.annexA).toMatchObject({
      allOf: [{ $ref: '#/components/schemas/AnnexADto' }],
    });
    expect(schema('ManagementAreasDto').required).toEqual([
      'STRATEGY',
      'CAPABILITY',
      'OPERATIONS',
      'MULTIMODAL',
    ]);
  });

  it('lists the accepted cancellation grounds, punitive ones included', () => {
    expect(schema('CancelCertificateDto').properties?.ground.enum).toEqual([
      'HOLDER_REQUEST',
      'HOLDER_TERMINATED',
      'EXPIRED',
      'OTHER',
      'NO_LONGER_CONFORMS',
      'SERIOUS_VIOLATION',
    ]);
  });

  it('describes the command result, with `created` required only in CreatedResultDto', () => {
    expect(schema('CommandResultDto').required).toEqual(['id', 'streamId', 'revision', 'events', 'position']);
    expect(schema('CreatedResultDto').required).toEqual([
      'id',
      'streamId',
      'revision',
      'events',
      'position',
      'created',
    ]);
  });
});
