import { Body, Controller, Get, HttpStatus, Inject, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@app/auth';
import { CLOCK, ManualClock, Timers, type Clock, type TimerRun } from '@app/certification';
import { httpError } from '../platform/http-error';
import { MoveClockDto } from './clock.dto';

/**
 * The clock of this process. With CLOCK=manual an administrator moves it forward to watch deadlines pass:
 * each move runs the timers at once. Time never goes backwards (events are recorded in time order).
 */
@ApiTags('admin')
@ApiBearerAuth()
@Roles('ADMIN')
@Controller('api/v1/admin/clock')
export class ClockController {
  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly timers: Timers,
  ) {}

  @Get()
  @ApiOperation({ summary: 'The time this process decides commands at, and whether it is the manual clock' })
  now(): { now: string; mode: 'system' | 'manual' } {
    return {
      now: this.clock.now().toISOString(),
      mode: this.clock instanceof ManualClock ? 'manual' : 'system',
    };
  }

  @Put()
  @ApiOperation({ summary: 'Move the manual clock forward (CLOCK=manual only), then run the timers' })
  async move(@Body() body: MoveClockDto): Promise<{ now: string; timers: TimerRun }> {
    const clock = this.clock;
    if (!(clock instanceof ManualClock))
      throw httpError(
        HttpStatus.CONFLICT,
        'CLOCK_NOT_MANUAL',
        'the clock is the system clock (CLOCK=system)',
      );
    if ((body.at === undefined) === (body.advanceDays === undefined)) {
      throw httpError(HttpStatus.BAD_REQUEST, 'VALIDATION_FAILED', 'Invalid request body', [
        { field: 'at', problems: ['give exactly one of at and advanceDays'] },
      ]);
    }
    const target =
      body.at !== undefined
        ? new Date(body.at)
        : new Date(clock.now().getTime() + (body.advanceDays ?? 0) * 86_400_000);
    if (target.getTime() < clock.now().getTime()) {
      throw httpError(
        HttpStatus.CONFLICT,
        'CLOCK_BACKWARDS',
        `the clock stands at ${clock.now().toISOString()}`,
      );
    }
    clock.set(target);
    return { now: clock.now().toISOString(), timers: await this.timers.runDue() };
  }
}
