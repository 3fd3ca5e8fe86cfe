import { Controller, Get, HttpStatus, Param, Query, Req, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentActor, Roles } from '@app/auth';
import {
  RegulatorExports,
  RegulatorService,
  type CertificateTimeline,
  type ExportBundle,
  type HistoryPage,
  type PointInTimeState,
  type SigningKeyView,
  type VerificationReport,
  type VerifiedReplay,
} from '@app/certification';
import type { Actor } from '@app/domain';
import { httpError } from '../platform/http-error';
import { HistoryQueryDto, StateQueryDto } from './regulator-queries.dto';
import {
  ExportBundleDto,
  HistoryPageDto,
  PointInTimeStateDto,
  SigningKeyDto,
  TimelineDto,
  VerificationReportDto,
  VerifiedReplayDto,
} from './regulator-responses.dto';

const CertificateNumber = () => Param('number');

const NOT_FOUND = { description: 'NOT_FOUND: no certificate with this number' };

/**
 * 监管 — regulators replay a certificate's whole file (domain-rules §1: REGULATOR reads everything, changes
 * nothing). Every answer is computed from the event store, never from read models, and every read is recorded
 * on `regulator-reads-<number>` (who, when, which certificate, what was asked) before it is answered.
 */
@ApiTags('regulator')
@ApiBearerAuth()
@Roles('REGULATOR')
@Controller('api/v1/regulator')
export class RegulatorController {
  constructor(
    private readonly regulator: RegulatorService,
    private readonly exports: RegulatorExports,
  ) {}

  /**
   * Behind the REGULATOR role like every regulator route (issue #10). The key is not secret: a regulator hands it
   * on with an export, and the export embeds it too — this route is how its id is checked against the system's.
   */
  @Get('signing-key')
  @ApiOperation({ summary: 'The Ed25519 public key exports are signed with, and its id' })
  @ApiOkResponse({ type: SigningKeyDto })
  signingKey(): SigningKeyView {
    return this.exports.signingKey();
  }

  @Get('certificates/:number/history')
  @ApiOperation({
    summary:
      'Every event of the certificate, its applications and audits, in log order, with actor, reason, approver, ' +
      'scheme version, correlation/causation and stream revision; filter by time and type, paged',
  })
  @ApiOkResponse({ type: HistoryPageDto })
  @ApiNotFoundResponse(NOT_FOUND)
  async history(
    @CertificateNumber() number: string,
    @Query() query: HistoryQueryDto,
    @CurrentActor() actor: Actor,
    @Req() request: FastifyRequest,
  ): Promise<HistoryPage> {
    if (query.from && query.to && Date.parse(query.from) > Date.parse(query.to)) {
      throw httpError(HttpStatus.BAD_REQUEST, 'VALIDATION_FAILED', 'The request has 1 invalid field', [
        { field: 'to', problems: ['to must not be before from'] },
      ]);
    }
    await this.record(actor, number, 'history', { ...query }, request);
    return this.regulator.history(number, query);
  }

  @Get('certificates/:number/state')
  @ApiOperation({
    summary:
      'The certificate, its open audits and nonconformities and its public registry entry as they stood at `at`, ' +
      'folded from the events up to that moment',
  })
  @ApiOkResponse({ type: PointInTimeStateDto })
  @ApiNotFoundResponse(NOT_FOUND)
  async state(
    @CertificateNumber() number: string,
    @Query() query: StateQueryDto,
    @CurrentActor() actor: Actor,
    @Req() request: FastifyRequest,
  ): Promise<PointInTimeState> {
    await this.record(actor, number, 'state', { at: query.at ?? null }, request);
    return this.regulator.stateAt(number, this.instant(query));
  }

  @Get('certificates/:number/replay')
  @ApiOperation({
    summary:
      'The state at `at` (as …/state) and the verification of every chain of the file (as …/verification) from ' +
      'one read of the stored events: the state is folded from exactly the events that were verified',
  })
  @ApiOkResponse({ type: VerifiedReplayDto })
  @ApiNotFoundResponse(NOT_FOUND)
  async replay(
    @CertificateNumber() number: string,
    @Query() query: StateQueryDto,
    @CurrentActor() actor: Actor,
    @Req() request: FastifyRequest,
  ): Promise<VerifiedReplay> {
    await this.record(actor, number, 'replay', { at: query.at ?? null }, request);
    return this.regulator.replay(number, this.instant(query));
  }

  @Get('certificates/:number/timeline')
  @ApiOperation({
    summary: 'The status intervals (valid, suspended …) with the reasons that began and ended them',
  })
  @ApiOkResponse({ type: TimelineDto })
  @ApiNotFoundResponse(NOT_FOUND)
  async timeline(
    @CertificateNumber() number: string,
    @CurrentActor() actor: Actor,
    @Req() request: FastifyRequest,
  ): Promise<CertificateTimeline> {
    await this.record(actor, number, 'timeline', {}, request);
    return this.regulator.timeline(number);
  }

  @Get('certificates/:number/verification')
  @ApiOperation({
    summary:
      'Recomputes the hash chain of every stream of the file: head hash and first broken link per stream',
  })
  @ApiOkResponse({ type: VerificationReportDto })
  @ApiNotFoundResponse(NOT_FOUND)
  async verification(
    @CertificateNumber() number: string,
    @CurrentActor() actor: Actor,
    @Req() request: FastifyRequest,
  ): Promise<VerificationReport> {
    await this.record(actor, number, 'verification', {}, request);
    return this.regulator.verify(number);
  }

  @Get('certificates/:number/export')
  @ApiOperation({
    summary:
      'A signed, self-contained bundle of the file: the stored events as JSON lines and a manifest (stream heads, ' +
      'scheme versions) signed with Ed25519; check it offline with `npm run cli -- verify-export <file>`',
  })
  @ApiProduces('application/json')
  @ApiOkResponse({ type: ExportBundleDto })
  @ApiNotFoundResponse(NOT_FOUND)
  async export(
    @CertificateNumber() number: string,
    @CurrentActor() actor: Actor,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) response: FastifyReply,
  ): Promise<ExportBundle> {
    await this.record(actor, number, 'export', {}, request);
    const bundle = await this.exports.export(number, actor);
    const fileName = `${number.replace(/[^A-Za-z0-9._-]/g, '_')}.regulator-export.json`;
    response.header('Content-Disposition', `attachment; filename="${fileName}"`);
    return bundle;
  }

  /** The moment asked about, normalised to UTC as every occurredAt is; default: the clock's now. */
  private instant(query: StateQueryDto): string {
    return query.at === undefined ? this.regulator.now() : new Date(query.at).toISOString();
  }

  private record(
    actor: Actor,
    certificateNumber: string,
    endpoint: string,
    query: Record<string, unknown>,
    request: FastifyRequest,
  ): Promise<void> {
    // request.id is the correlation id (correlation-id.ts).
    return this.regulator.recordRead(actor, { certificateNumber, endpoint, query }, request.id);
  }
}
