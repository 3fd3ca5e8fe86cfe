import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Roles } from '@app/auth';
import { CLOCK, type Clock } from '@app/certification';
import { AUDIT_STATUSES, dateOf } from '@app/domain';
import { READ_STORE, type Query as ReadQuery, type ReadDocument, type ReadStore } from '@app/read-models';
import { FILE_READERS } from '../common/back-office-roles';
import { OneOfParam } from '../platform/path-params';
import { PageQueryDto, pageOf } from './list-query.dto';
import { ReadModelRoute } from './read-your-writes';
import { withoutSources } from './without-sources';

export const WORKLISTS = [
  'awaiting-acceptance',
  'awaiting-technical-review',
  'decisions-pending',
  'conditional-grants',
  'suspensions',
  'audits-by-state',
] as const;
export type WorklistName = (typeof WORKLISTS)[number];

/** Each worklist: the read model it lists, the filter, the order (most urgent first) and the date that makes it overdue. */
const DEFINITIONS: Record<
  Exclude<WorklistName, 'audits-by-state'>,
  { projection: string; query: ReadQuery; dueField?: string }
> = {
  // R-APP-4: acceptance review within 5 working days of submission or supplement.
  'awaiting-acceptance': {
    projection: 'applications',
    query: {
      where: { status: { eq: 'SUBMITTED' } },
      sort: [{ field: 'acceptanceDeadline', direction: 'asc' }],
    },
    dueField: 'acceptanceDeadline',
  },
  'awaiting-technical-review': {
    projection: 'audits',
    query: {
      where: { status: { in: ['REPORTED', 'UNDER_TECHNICAL_REVIEW'] } },
      sort: [{ field: 'plannedEndDate', direction: 'asc' }],
    },
  },
  'decisions-pending': {
    projection: 'audits',
    query: { where: { status: { eq: 'REVIEWED' } }, sort: [{ field: 'plannedEndDate', direction: 'asc' }] },
  },
  // R-AUD-7: conditions to verify before the conditional-grant deadline.
  'conditional-grants': {
    projection: 'audits',
    query: {
      where: { lastOutcome: { eq: 'CONDITIONAL_GRANT' } },
      sort: [{ field: 'conditionsDeadline', direction: 'asc' }],
    },
    dueField: 'conditionsDeadline',
  },
  // R-CERT-5: suspended certificates by their deadline.
  suspensions: {
    projection: 'certificates',
    query: {
      where: { status: { eq: 'SUSPENDED' } },
      sort: [{ field: 'suspension.deadline', direction: 'asc' }],
    },
    dueField: 'suspension.deadline',
  },
};

const at = (doc: ReadDocument, path: string): unknown =>
  path.split('.').reduce<unknown>((value, key) => (value as Record<string, unknown> | null)?.[key], doc);

@ApiTags('worklists')
@ApiBearerAuth()
@Roles(...FILE_READERS)
@ReadModelRoute()
@Controller('api/v1/worklists')
export class WorklistsController {
  constructor(
    @Inject(READ_STORE) private readonly readStore: ReadStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get(':name')
  @ApiParam({ name: 'name', enum: WORKLISTS })
  @ApiOperation({
    summary: 'What needs doing next, most urgent first; `overdue` against today where a deadline applies',
  })
  async worklist(
    @OneOfParam('name', WORKLISTS) name: WorklistName,
    @Query() page: PageQueryDto,
  ): Promise<object> {
    if (name === 'audits-by-state') return this.auditsByState();
    const { projection, query, dueField } = DEFINITIONS[name];
    const today = dateOf(this.clock.now().toISOString());
    const result = await this.readStore.find(projection, { ...query, ...pageOf(page) });
    return {
      ...result,
      items: result.items.map((doc) => ({
        ...withoutSources(doc),
        ...(dueField
          ? { overdue: typeof at(doc, dueField) === 'string' && (at(doc, dueField) as string) < today }
          : {}),
      })),
    };
  }

  /** How many audits stand in each state. */
  private async auditsByState(): Promise<{ counts: Record<string, number> }> {
    const totals = await Promise.all(
      AUDIT_STATUSES.map(async (status) => {
        const { total } = await this.readStore.find('audits', {
          where: { status: { eq: status } },
          pageSize: 1,
        });
        return [status, total] as const;
      }),
    );
    return { counts: Object.fromEntries(totals) };
  }
}
