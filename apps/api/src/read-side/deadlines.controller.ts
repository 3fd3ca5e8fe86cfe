import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@app/auth';
import { CLOCK, type Clock } from '@app/certification';
import { addDays, dateOf } from '@app/domain';
import {
  DEADLINE_FIELDS,
  DEADLINE_KINDS,
  READ_STORE,
  workingDaysBetween,
  type Deadline,
  type DeadlinesDocument,
  type ReadStore,
} from '@app/read-models';
import { FILE_READERS } from '../common/back-office-roles';
import { DeadlinesQueryDto } from './deadlines-query.dto';
import { pageOf } from './list-query.dto';
import { ReadModelRoute } from './read-your-writes';

/** One running clock as the worklist shows it. */
export interface DeadlineEntry extends Deadline {
  aggregate: DeadlinesDocument['aggregate'];
  subject: string;
  label: string;
  /** True from the day after `dueOn`. */
  overdue: boolean;
  /** Calendar days from today to `dueOn` (negative when overdue). */
  daysLeft: number;
  /** For working-day deadlines: working days from today to `dueOn` (negative when overdue). */
  workingDaysLeft?: number;
}

const DAY_MS = 86_400_000;
/** What the read store returns at most per call. */
const STORE_PAGE = 200;

@ApiTags('worklists')
@ApiBearerAuth()
@Roles(...FILE_READERS)
@ReadModelRoute()
@Controller('api/v1/worklists/deadlines')
export class DeadlinesController {
  constructor(
    @Inject(READ_STORE) private readonly readStore: ReadStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  @ApiOperation({
    summary:
      'Overdue and upcoming deadlines (domain-rules §5), most urgent first, each with its rule id, the arithmetic ' +
      'behind its due date and what the timers do once it passed',
  })
  async deadlines(@Query() query: DeadlinesQueryDto): Promise<object> {
    const today = dateOf(this.clock.now().toISOString());
    const horizon = addDays(today, query.within ?? 30);
    const kinds = query.kind ? [query.kind] : DEADLINE_KINDS;
    const { page, pageSize } = pageOf(query);
    // The requested page lies within the first page × pageSize entries of each kind, merged by due date.
    const wanted = page * pageSize;
    let total = 0;
    const entries: DeadlineEntry[] = [];
    for (const kind of kinds) {
      const field = DEADLINE_FIELDS[kind];
      for (let storePage = 1; ; storePage++) {
        const found = await this.readStore.find<DeadlinesDocument>('deadlines', {
          where: { [`${field}.dueOn`]: { lte: horizon } },
          sort: [{ field: `${field}.dueOn`, direction: 'asc' }],
          page: storePage,
          pageSize: STORE_PAGE,
        });
        if (storePage === 1) total += found.total;
        for (const doc of found.items) {
          const deadline = doc[field];
          if (deadline) entries.push(entry(doc, deadline, today));
        }
        if (storePage * STORE_PAGE >= Math.min(found.total, wanted)) break;
      }
    }
    entries.sort(
      (a, b) =>
        a.dueOn.localeCompare(b.dueOn) || a.kind.localeCompare(b.kind) || a.subject.localeCompare(b.subject),
    );
    return {
      today,
      horizon,
      items: entries.slice((page - 1) * pageSize, page * pageSize),
      total,
      page,
      pageSize,
    };
  }
}

const entry = (doc: DeadlinesDocument, deadline: Deadline, today: string): DeadlineEntry => ({
  ...deadline,
  aggregate: doc.aggregate,
  subject: doc.subject,
  label: doc.label,
  overdue: deadline.dueOn < today,
  daysLeft: Math.round((Date.parse(deadline.dueOn) - Date.parse(today)) / DAY_MS),
  ...(deadline.clock && { workingDaysLeft: workingDaysBetween(today, deadline.dueOn).days }),
});
