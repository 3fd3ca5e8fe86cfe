import { Controller, Get, Inject, NotFoundException, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Roles } from '@app/auth';
import { READ_STORE, type Page, type ReadDocument, type ReadStore } from '@app/read-models';
import { FILE_READERS } from '../common/back-office-roles';
import { OneOfParam } from '../platform/path-params';
import { ApplicationListQueryDto, AuditListQueryDto, CertificateListQueryDto } from './list-queries.dto';
import { pageOf } from './list-query.dto';
import { ReadModelRoute } from './read-your-writes';
import { withoutSources } from './without-sources';

/** A certificate's Annex B records by the kind the route names (B.2, B.3, B.4), and the read model holding them. */
const RECORD_PROJECTIONS = {
  changes: 'certificate-changes',
  status: 'certificate-status-records',
  surveillance: 'surveillance-records',
} as const;
type RecordKind = keyof typeof RECORD_PROJECTIONS;
const RECORD_KINDS = Object.keys(RECORD_PROJECTIONS) as RecordKind[];

/** Back-office lists over the read models, with filters, sort and pagination. */
@ApiBearerAuth()
@Roles(...FILE_READERS)
@ReadModelRoute()
@Controller('api/v1')
export class FileListsController {
  constructor(@Inject(READ_STORE) private readonly readStore: ReadStore) {}

  @Get('applications')
  @ApiTags('applications')
  @ApiOperation({ summary: 'Applications, newest first by default; filter by status or organisation' })
  applications(@Query() query: ApplicationListQueryDto): Promise<Page<ReadDocument>> {
    return this.list('applications', query, query.sort ?? 'submittedAt', {
      where: query.status ? { status: { eq: query.status } } : undefined,
      anyOf: query.q ? [{ organisationName: { contains: query.q } }, { uscc: { eq: query.q } }] : undefined,
    });
  }

  @Get('audits')
  @ApiTags('audits')
  @ApiOperation({ summary: 'Audits; filter by status, type, application or certificate' })
  audits(@Query() query: AuditListQueryDto): Promise<Page<ReadDocument>> {
    const where = Object.fromEntries(
      Object.entries({
        status: query.status,
        type: query.type,
        'subject.applicationId': query.applicationId,
        'subject.certificateNumber': query.certificateNumber,
      })
        .filter(([, value]) => value !== undefined)
        .map(([field, value]) => [field, { eq: value as string }]),
    );
    return this.list('audits', query, query.sort ?? 'plannedStartDate', { where });
  }

  @Get('certificates')
  @ApiTags('certificates')
  @ApiOperation({ summary: 'Certificates (Annex B.1); filter by status, number or holder, expiry' })
  certificates(@Query() query: CertificateListQueryDto): Promise<Page<ReadDocument>> {
    return this.list('certificates', query, query.sort ?? 'number', {
      where: {
        ...(query.status ? { status: { eq: query.status } } : {}),
        ...(query.expiresBefore ? { expiryDate: { lt: query.expiresBefore } } : {}),
      },
      anyOf: query.q ? [{ number: { eq: query.q } }, { 'holder.name': { contains: query.q } }] : undefined,
    });
  }

  @Get('certificates/:number/records/:kind')
  @ApiTags('certificates')
  @ApiParam({ name: 'kind', enum: RECORD_KINDS })
  @ApiOperation({
    summary: 'Annex B records of a certificate: B.2 changes, B.3 status records or B.4 surveillance records',
  })
  async records(
    @Param('number') number: string,
    @OneOfParam('kind', RECORD_KINDS) kind: RecordKind,
  ): Promise<Page<ReadDocument>> {
    if (!(await this.readStore.get('certificates', number))) {
      throw new NotFoundException({
        statusCode: 404,
        code: 'NOT_FOUND',
        message: `no certificate ${number}`,
      });
    }
    const page = await this.readStore.find(RECORD_PROJECTIONS[kind], {
      where: { certificateNumber: { eq: number } },
      sort: [{ field: 'date', direction: 'asc' }],
      pageSize: 200,
    });
    return { ...page, items: page.items.map(withoutSources) };
  }

  private async list(
    projection: string,
    query: { order?: 'asc' | 'desc'; page?: number; pageSize?: number },
    sortField: string,
    filter: Pick<Parameters<ReadStore['find']>[1], 'where' | 'anyOf'>,
  ): Promise<Page<ReadDocument>> {
    const page = await this.readStore.find(projection, {
      ...filter,
      sort: [{ field: sortField, direction: query.order ?? 'asc' }],
      ...pageOf(query),
    });
    return { ...page, items: page.items.map(withoutSources) };
  }
}
