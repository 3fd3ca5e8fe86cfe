import { Body, Controller, Get, HttpCode, Post, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Roles } from '@app/auth';
import {
  AcceptApplicationCommand,
  GetApplicationQuery,
  ProvideSupplementCommand,
  RejectApplicationCommand,
  RequestSupplementCommand,
  SubmitApplicationCommand,
  WithdrawApplicationCommand,
  type AggregateView,
  type CommandMetadata,
  type CommandResult,
} from '@app/certification';
import type { ApplicationState } from '@app/domain';
import { CommandMeta } from '../platform/command-meta.decorator';
import { UuidParam } from '../platform/path-params';
import { FILE_READERS } from '../common/back-office-roles';
import { sendView } from '../common/aggregate-view';
import { CommandResultDto } from '../common/command-result.dto';
import {
  AcceptApplicationDto,
  ProvideSupplementDto,
  RejectApplicationDto,
  RequestSupplementDto,
  SubmitApplicationDto,
  WithdrawApplicationDto,
} from './dto';

/** 认证申请 (§6.1): intake officers record applications and run the acceptance review. */
@ApiTags('applications')
@ApiBearerAuth()
@Controller('api/v1/applications')
export class ApplicationsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @Roles('INTAKE_OFFICER')
  @ApiOperation({ summary: 'Record an application with its Annex A form and materials (R-APP-1, R-APP-2)' })
  @ApiCreatedResponse({ type: CommandResultDto })
  submit(@Body() body: SubmitApplicationDto, @CommandMeta() meta: CommandMetadata): Promise<CommandResult> {
    return this.commands.execute(new SubmitApplicationCommand(body, meta));
  }

  @Post(':id/request-supplement')
  @HttpCode(200)
  @Roles('INTAKE_OFFICER')
  @ApiOperation({ summary: 'Ask for every missing item in one notice (一次性告知, R-APP-4)' })
  @ApiOkResponse({ type: CommandResultDto })
  requestSupplement(
    @UuidParam('id') id: string,
    @Body() body: RequestSupplementDto,
    @CommandMeta() meta: CommandMetadata,
  ): Promise<CommandResult> {
    return this.commands.execute(new RequestSupplementCommand(id, body, meta));
  }

  @Post(':id/provide-supplement')
  @HttpCode(200)
  @Roles('INTAKE_OFFICER')
  @ApiOperation({ summary: 'Record the supplement; restarts the acceptance clock (R-APP-4)' })
  @ApiOkResponse({ type: CommandResultDto })
  provideSupplement(
    @UuidParam('id') id: string,
    @Body() body: ProvideSupplementDto,
    @CommandMeta() meta: CommandMetadata,
  ): Promise<CommandResult> {
    return this.commands.execute(new ProvideSupplementCommand(id, body, meta));
  }

  @Post(':id/accept')
  @HttpCode(200)
  @Roles('INTAKE_OFFICER')
  @ApiOperation({ summary: 'Accept after the eligibility checks (R-APP-3); opens the programme (R-APP-5)' })
  @ApiOkResponse({ type: CommandResultDto })
  accept(
    @UuidParam('id') id: string,
    @Body() body: AcceptApplicationDto,
    @CommandMeta() meta: CommandMetadata,
  ): Promise<CommandResult> {
    return this.commands.execute(new AcceptApplicationCommand(id, body, meta));
  }

  @Post(':id/reject')
  @HttpCode(200)
  @Roles('INTAKE_OFFICER')
  @ApiOperation({ summary: 'Reject, stating the unmet conditions (R-APP-5)' })
  @ApiOkResponse({ type: CommandResultDto })
  reject(
    @UuidParam('id') id: string,
    @Body() body: RejectApplicationDto,
    @CommandMeta() meta: CommandMetadata,
  ): Promise<CommandResult> {
    return this.commands.execute(new RejectApplicationCommand(id, body, meta));
  }

  @Post(':id/withdraw')
  @HttpCode(200)
  @Roles('INTAKE_OFFICER')
  @ApiOperation({ summary: 'Withdraw at the applicant’s request' })
  @ApiOkResponse({ type: CommandResultDto })
  withdraw(
    @UuidParam('id') id: string,
    @Body() body: WithdrawApplicationDto,
    @CommandMeta() meta: CommandMetadata,
  ): Promise<CommandResult> {
    return this.commands.execute(new WithdrawApplicationCommand(id, body, meta));
  }

  @Get(':id')
  @Roles(...FILE_READERS)
  @ApiOperation({ summary: 'The application as folded from its stream; ETag = stream revision' })
  async get(
    @UuidParam('id') id: string,
    @Res({ passthrough: true }) response: FastifyReply,
  ): Promise<AggregateView<ApplicationState>> {
    return sendView(response, await this.queries.execute(new GetApplicationQuery(id)));
  }
}
