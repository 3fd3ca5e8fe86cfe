import { Body, Controller, Get, HttpCode, Post, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Roles } from '@app/auth';
import {
  AcceptNonconformityResponseCommand,
  AssignAuditTeamCommand,
  CancelAuditCommand,
  CompleteAuditReportCommand,
  CompleteTechnicalReviewCommand,
  DecideCertificationCommand,
  GetAuditQuery,
  RaiseNonconformityCommand,
  RecordDecisionNoticeCommand,
  RecordObservationCommand,
  RecordScoresCommand,
  RejectNonconformityResponseCommand,
  RespondToNonconformityCommand,
  ScheduleAuditCommand,
  StartAuditCommand,
  StartTechnicalReviewCommand,
  VerifyNonconformityCommand,
  type AggregateView,
  type CommandMetadata,
  type CommandResult,
} from '@app/certification';
import type { AuditState } from '@app/domain';
import { CommandMeta } from '../platform/command-meta.decorator';
import { UuidParam } from '../platform/path-params';
import { FILE_READERS } from '../common/back-office-roles';
import { sendView } from '../common/aggregate-view';
import { CommandResultDto } from '../common/command-result.dto';
import { asScoreSheetValidationError } from './score-sheet-errors';
import {
  AssignAuditTeamDto,
  CancelAuditDto,
  CompleteAuditReportDto,
  CompleteTechnicalReviewDto,
  DecideCertificationDto,
  RaiseNonconformityDto,
  RecordDecisionNoticeDto,
  RecordObservationDto,
  RecordScoresDto,
  RejectNonconformityResponseDto,
  RespondToNonconformityDto,
  ScheduleAuditDto,
  VerifyNonconformityDto,
} from './dto';

const AuditId = () => UuidParam('id');
const NonconformityId = () => UuidParam('ncId');

/** 审核 (§6.2–§6.3): planning, the audit itself, technical review and the certification decision. */
@ApiTags('audits')
@ApiBearerAuth()
@Controller('api/v1/audits')
export class AuditsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @Roles('PROGRAMME_MANAGER')
  @ApiOperation({
    summary: 'Schedule an audit of an accepted application or of a certificate (R-APP-5, R-AUD-1)',
  })
  @ApiCreatedResponse({ type: CommandResultDto })
  schedule(@Body() body: ScheduleAuditDto, @CommandMeta() meta: CommandMetadata): Promise<CommandResult> {
    return this.commands.execute(new ScheduleAuditCommand(body, meta));
  }

  @Post(':id/assign-team')
  @HttpCode(200)
  @Roles('PROGRAMME_MANAGER')
  @ApiOperation({ summary: 'Assign the team: one lead auditor and members with the AUDITOR role (R-AUD-2)' })
  @ApiOkResponse({ type: CommandResultDto })
  assignTeam(
    @AuditId() id: string,
    @Body() body: AssignAuditTeamDto,
    @CommandMeta() meta: CommandMetadata,
  ): Promise<CommandResult> {
    return this.commands.execute(new AssignAuditTeamCommand(id, body, meta));
  }

  @Post(':id/start')
  @HttpCode(200)
  @Roles('AUDITOR')
  @ApiOperation({ summary: 'Start the on-site audit (a team member)' })
  @ApiOkResponse({ type: CommandResultDto })
  start(@AuditId() id: string, @CommandMeta() meta: CommandMetadata): Promise<CommandResult> {
    return this.commands.execute(new StartAuditCommand(id, meta));
  }

  @Post(':id/nonconformities')
  @Roles('AUDITOR')
  @ApiOperation({
    summary: 'Raise a MAJOR or MINOR nonconformity (R-AUD-3); its id is in created.nonconformityId',
  })
  @ApiCreatedResponse({ type: CommandResultDto })
  raiseNonconformity(
    @AuditId() id: string,
    @Body() body: RaiseNonconformityDto,
    @CommandMeta() meta: CommandMetadata,
  ): Promise<CommandResult> {
    return this.commands.execute(new RaiseNonconformityCommand(id, body, meta));
  }

  @Post(':id/nonconformities/:ncId/respond')
  @HttpCode(200)
  @Roles('AUDITOR')
  @ApiOperation({
    summary: 'Record the organisation’s response: root cause, correction, corrective action (R-AUD-4)',
  })
  @ApiOkResponse({ type: CommandResultDto })
  respond(
    @AuditId() id: string,
    @NonconformityId() ncId: string,
    @Body() body: RespondToNonconformityDto,
    @CommandMeta() meta: CommandMetadata,
  ): Promise<CommandResult> {
    return this.commands.execute(new RespondToNonconformityCommand(id, ncId, body, meta));
  }

  @Post(':id/nonconformities/:ncId/accept-response')
  @HttpCode(200)
  @Roles('AUDITOR')
  @ApiOperation({ summary: 'Accept the response (R-AUD-4)' })
  @ApiOkResponse({ type: CommandResultDto })
  acceptResponse(
    @AuditId() id: string,
    @NonconformityId() ncId: string,
    @CommandMeta() meta: CommandMetadata,
  ): Promise<CommandResult> {
    return this.commands.execute(new AcceptNonconformityResponseCommand(id, ncId, meta));
  }

  @Post(':id/nonconformities/:ncId/reject-response')
  @HttpCode(200)
  @Roles('AUDITOR')
  @ApiOperation({ summary: 'Reject the response with a reason (R-AUD-4)' })
  @ApiOkResponse({ type: CommandResultDto })
  rejectResponse(
    @AuditId() id: string,
    @NonconformityId() ncId: string,
    @Body() body: RejectNonconformityResponseDto,
    @CommandMeta() meta: CommandMetadata,
  ): Promise<CommandResult> {
    return this.commands.execute(new RejectNonconformityResponseCommand(id, ncId, body, meta));
  }

  @Post(':id/nonconformities/:ncId/verify')
  @HttpCode(200)
  @Roles('AUDITOR')
  @ApiOperation({ summary: 'Verify the correction (lead auditor; a MAJOR one within 6 months, R-AUD-4)' })
  @ApiOkResponse({ type: CommandResultDto })
  verify(
    @AuditId() id: string,
    @NonconformityId() ncId: string,
    @Body() body: VerifyNonconformityDto,
    @CommandMeta() meta: CommandMetadata,
  ): Promise<CommandResult> {
    return this.commands.execute(new VerifyNonconformityCommand(id, ncId, body, meta));
  }

  @Post(':id/observations')
  @Roles('AUDITOR')
  @ApiOperation({ summary: 'Record an observation (R-AUD-3); its id is in created.observationId' })
  @ApiCreatedResponse({ type: CommandResultDto })
  recordObservation(
    @AuditId() id: string,
    @Body() body: RecordObservationDto,
    @CommandMeta() meta: CommandMetadata,
  ): Promise<CommandResult> {
    return this.commands.execute(new RecordObservationCommand(id, body, meta));
  }

  @Post(':id/scores')
  @HttpCode(200)
  @Roles('AUDITOR')
  @ApiOperation({
    summary:
      'Record the Annex D score sheets; the results (dimensions, composite, enhancement, total) are computed ' +
      '(R-AUD-3, R-SCORE-1…5, §13, Annex C)',
  })
  @ApiOkResponse({ type: CommandResultDto })
  async recordScores(
    @AuditId() id: string,
    @Body() body: RecordScoresDto,
    @CommandMeta() meta: CommandMetadata,
  ): Promise<CommandResult> {
    try {
      return await this.commands.execute(new RecordScoresCommand(id, { sheet: body.sheet }, meta));
    } catch (error) {
      throw asScoreSheetValidationError(error);
    }
  }

  @Post(':id/complete')
  @HttpCode(200)
  @Roles('AUDITOR')
  @ApiOperation({ summary: 'Complete the report: conclusion and recommendation (lead auditor, R-AUD-5)' })
  @ApiOkResponse({ type: CommandResultDto })
  complete(
    @AuditId() id: string,
    @Body() body: CompleteAuditReportDto,
    @CommandMeta() meta: CommandMetadata,
  ): Promise<CommandResult> {
    return this.commands.execute(new CompleteAuditReportCommand(id, body, meta));
  }

  @Post(':id/technical-review/start')
  @HttpCode(200)
  @Roles('TECHNICAL_REVIEWER')
  @ApiOperation({ summary: 'Take the report into technical review (§6.3.1; not a team member, R-IND-2)' })
  @ApiOkResponse({ type: CommandResultDto })
  startTechnicalReview(@AuditId() id: string, @CommandMeta() meta: CommandMetadata): Promise<CommandResult> {
    return this.commands.execute(new StartTechnicalReviewCommand(id, meta));
  }

  @Post(':id/technical-review')
  @HttpCode(200)
  @Roles('TECHNICAL_REVIEWER')
  @ApiOperation({ summary: 'Approve or return the report (R-AUD-5)' })
  @ApiOkResponse({ type: CommandResultDto })
  completeTechnicalReview(
    @AuditId() id: string,
    @Body() body: CompleteTechnicalReviewDto,
    @CommandMeta() meta: CommandMetadata,
  ): Promise<CommandResult> {
    return this.commands.execute(new CompleteTechnicalReviewCommand(id, body, meta));
  }

  @Post(':id/decide')
  @HttpCode(200)
  @Roles('DECISION_MAKER')
  @ApiOperation({
    summary: 'Certification decision (R-AUD-6, R-AUD-7, R-IND-1): a GRANT issues or renews the certificate',
    description:
      'GRANT of an initial audit issues the certificate (number in created.certificateNumber, `scope` required); ' +
      'GRANT of a recertification renews it; a surveillance decision leaves its B.4 record and, for SUSPEND or ' +
      'REVOKE, suspends the certificate (`suspension`) or opens the revocation procedure (`revocation`).',
  })
  @ApiOkResponse({ type: CommandResultDto })
  decide(
    @AuditId() id: string,
    @Body() body: DecideCertificationDto,
    @CommandMeta() meta: CommandMetadata,
  ): Promise<CommandResult> {
    return this.commands.execute(new DecideCertificationCommand(id, body, meta));
  }

  @Post(':id/decision-notice')
  @HttpCode(200)
  @Roles('DECISION_MAKER', 'INTAKE_OFFICER')
  @ApiOperation({ summary: 'Record the written notice of the decision (R-AUD-8)' })
  @ApiOkResponse({ type: CommandResultDto })
  recordDecisionNotice(
    @AuditId() id: string,
    @Body() body: RecordDecisionNoticeDto,
    @CommandMeta() meta: CommandMetadata,
  ): Promise<CommandResult> {
    return this.commands.execute(new RecordDecisionNoticeCommand(id, body, meta));
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @Roles('PROGRAMME_MANAGER')
  @ApiOperation({ summary: 'Cancel the audit before its decision' })
  @ApiOkResponse({ type: CommandResultDto })
  cancel(
    @AuditId() id: string,
    @Body() body: CancelAuditDto,
    @CommandMeta() meta: CommandMetadata,
  ): Promise<CommandResult> {
    return this.commands.execute(new CancelAuditCommand(id, body, meta));
  }

  @Get(':id')
  @Roles(...FILE_READERS)
  @ApiOperation({ summary: 'The audit as folded from its stream; ETag = stream revision' })
  async get(
    @AuditId() id: string,
    @Res({ passthrough: true }) response: FastifyReply,
  ): Promise<AggregateView<AuditState>> {
    return sendView(response, await this.queries.execute(new GetAuditQuery(id)));
  }
}
