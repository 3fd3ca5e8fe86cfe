import { Body, Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Roles } from '@app/auth';
import {
  CancelCertificateCommand,
  ChangeCertificateCommand,
  DecideRevocationAppealCommand,
  FinaliseRevocationCommand,
  GetCertificateQuery,
  IssueRevocationNoticeCommand,
  LodgeRevocationAppealCommand,
  OpenRevocationCommand,
  ReinstateCertificateCommand,
  ReissueCertificateCommand,
  SuspendCertificateCommand,
  type AggregateView,
  type CommandMetadata,
  type CommandResult,
} from '@app/certification';
import type { CertificateState } from '@app/domain';
import { CommandMeta } from '../platform/command-meta.decorator';
import { FILE_READERS } from '../common/back-office-roles';
import { sendView } from '../common/aggregate-view';
import { CommandResultDto } from '../common/command-result.dto';
import {
  CancelCertificateDto,
  ChangeCertificateDto,
  DecideRevocationAppealDto,
  FinaliseRevocationDto,
  IssueRevocationNoticeDto,
  LodgeRevocationAppealDto,
  OpenRevocationDto,
  ReinstateCertificateDto,
  ReissueCertificateDto,
  SuspendCertificateDto,
} from './dto';

const CertificateNumber = () => Param('number');

/** 认证证书 (§7, §8): status changes by decision makers, changes and reissue by the registry officer. */
@ApiTags('certificates')
@ApiBearerAuth()
@Controller('api/v1/certificates')
export class CertificatesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post(':number/suspend')
  @HttpCode(200)
  @Roles('DECISION_MAKER')
  @ApiOperation({ summary: 'Suspend with reason, corrections and a deadline of at most 6 months (R-CERT-5)' })
  @ApiOkResponse({ type: CommandResultDto })
  suspend(
    @CertificateNumber() number: string,
    @Body() body: SuspendCertificateDto,
    @CommandMeta() meta: CommandMetadata,
  ): Promise<CommandResult> {
    return this.commands.execute(new SuspendCertificateCommand(number, body, meta));
  }

  @Post(':number/reinstate')
  @HttpCode(200)
  @Roles('DECISION_MAKER')
  @ApiOperation({ summary: 'Reinstate before the deadline, citing the verification (R-CERT-6)' })
  @ApiOkResponse({ type: CommandResultDto })
  reinstate(
    @CertificateNumber() number: string,
    @Body() body: ReinstateCertificateDto,
    @CommandMeta() meta: CommandMetadata,
  ): Promise<CommandResult> {
    return this.commands.execute(new ReinstateCertificateCommand(number, body, meta));
  }

  @Post(':number/revoke')
  @HttpCode(200)
  @Roles('DECISION_MAKER')
  @ApiOperation({ summary: 'Open the revocation procedure with the investigation findings (R-CERT-7)' })
  @ApiOkResponse({ type: CommandResultDto })
  openRevocation(
    @CertificateNumber() number: string,
    @Body() body: OpenRevocationDto,
    @CommandMeta() meta: CommandMetadata,
  ): Promise<CommandResult> {
    return this.commands.execute(new OpenRevocationCommand(number, body, meta));
  }

  @Post(':number/revocation-notice')
  @HttpCode(200)
  @Roles('DECISION_MAKER')
  @ApiOperation({
    summary: 'Issue the revocation notice with its reasons; opens the appeal window (R-CERT-7)',
  })
  @ApiOkResponse({ type: CommandResultDto })
  issueRevocationNotice(
    @CertificateNumber() number: string,
    @Body() body: IssueRevocationNoticeDto,
    @CommandMeta() meta: CommandMetadata,
  ): Promise<CommandResult> {
    return this.commands.execute(new IssueRevocationNoticeCommand(number, body, meta));
  }

  @Post(':number/appeal')
  @HttpCode(200)
  @Roles('DECISION_MAKER')
  @ApiOperation({ summary: 'Record the holder’s appeal, lodged within the window (R-CERT-7)' })
  @ApiOkResponse({ type: CommandResultDto })
  lodgeAppeal(
    @CertificateNumber() number: string,
    @Body() body: LodgeRevocationAppealDto,
    @CommandMeta() meta: CommandMetadata,
  ): Promise<CommandResult> {
    return this.commands.execute(new LodgeRevocationAppealCommand(number, body, meta));
  }

  @Post(':number/decide-appeal')
  @HttpCode(200)
  @Roles('DECISION_MAKER')
  @ApiOperation({ summary: 'Decide the appeal: UPHELD closes the procedure, REJECTED lets it become final' })
  @ApiOkResponse({ type: CommandResultDto })
  decideAppeal(
    @CertificateNumber() number: string,
    @Body() body: DecideRevocationAppealDto,
    @CommandMeta() meta: CommandMetadata,
  ): Promise<CommandResult> {
    return this.commands.execute(new DecideRevocationAppealCommand(number, body, meta));
  }

  @Post(':number/finalise-revocation')
  @HttpCode(200)
  @Roles('DECISION_MAKER')
  @ApiOperation({
    summary: 'Revoke: after the window without appeal, or after the appeal was rejected (R-CERT-7)',
  })
  @ApiOkResponse({ type: CommandResultDto })
  finaliseRevocation(
    @CertificateNumber() number: string,
    @Body() body: FinaliseRevocationDto,
    @CommandMeta() meta: CommandMetadata,
  ): Promise<CommandResult> {
    return this.commands.execute(new FinaliseRevocationCommand(number, body, meta));
  }

  @Post(':number/cancel')
  @HttpCode(200)
  @Roles('DECISION_MAKER')
  @ApiOperation({ summary: 'Cancel (注销) on a non-punitive ground (R-CERT-8)' })
  @ApiOkResponse({ type: CommandResultDto })
  cancel(
    @CertificateNumber() number: string,
    @Body() body: CancelCertificateDto,
    @CommandMeta() meta: CommandMetadata,
  ): Promise<CommandResult> {
    return this.commands.execute(new CancelCertificateCommand(number, body, meta));
  }

  @Post(':number/change')
  @HttpCode(200)
  @Roles('REGISTRY_OFFICER')
  @ApiOperation({ summary: 'Change name, address or scope: a new revision and a B.2 record (R-CERT-3)' })
  @ApiOkResponse({ type: CommandResultDto })
  change(
    @CertificateNumber() number: string,
    @Body() body: ChangeCertificateDto,
    @CommandMeta() meta: CommandMetadata,
  ): Promise<CommandResult> {
    return this.commands.execute(new ChangeCertificateCommand(number, body, meta));
  }

  @Post(':number/reissue')
  @HttpCode(200)
  @Roles('REGISTRY_OFFICER')
  @ApiOperation({ summary: 'Reissue a lost or damaged certificate (补发): a new revision and a B.2 record' })
  @ApiOkResponse({ type: CommandResultDto })
  reissue(
    @CertificateNumber() number: string,
    @Body() body: ReissueCertificateDto,
    @CommandMeta() meta: CommandMetadata,
  ): Promise<CommandResult> {
    return this.commands.execute(new ReissueCertificateCommand(number, body, meta));
  }

  @Get(':number')
  @Roles(...FILE_READERS)
  @ApiOperation({ summary: 'The certificate as folded from its stream; ETag = stream revision' })
  async get(
    @CertificateNumber() number: string,
    @Res({ passthrough: true }) response: FastifyReply,
  ): Promise<AggregateView<CertificateState>> {
    return sendView(response, await this.queries.execute(new GetCertificateQuery(number)));
  }
}
