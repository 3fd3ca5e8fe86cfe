import { Inject, Injectable, Logger } from '@nestjs/common';
import { v4 as uuidv4 } from 'uuid';
import { SCHEME_CATALOGUE } from '@app/config';
import { dateOf, DomainError, type Actor, type SchemeCatalogue } from '@app/domain';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import {
  DEADLINE_FIELDS,
  DEADLINE_KINDS,
  READ_MODEL_STATUS,
  READ_STORE,
  type Deadline,
  type DeadlineKind,
  type DeadlinesDocument,
  type ReadModelStatus,
  type ReadStore,
  type TimerAction,
} from '@app/read-models';
import { CLOCK, type Clock } from '../clock';
import { CommandRunner } from '../command-runner';
import { timerFiring } from './timer-firings';

/** The actor of every timer command (domain-rules §1: SYSTEM, timers only). */
export const TIMER_ACTOR: Actor = { id: 'system:timers', role: 'SYSTEM' };

/** How a due deadline ended up: its events appended now, found appended before, or refused by the domain. */
export type FiringOutcome = 'fired' | 'already-fired' | 'refused' | 'failed';

export interface Firing {
  action: TimerAction;
  streamId: string;
  dueOn: string;
  outcome: FiringOutcome;
  events: string[];
  reason?: string;
}

export interface TimerRun {
  today: string;
  /** False when the deadlines read model had not caught up with the log in time (firings are still safe). */
  readModelCurrent: boolean;
  firings: Firing[];
}

const PAGE = 500;
const CATCH_UP_TIMEOUT_MS = 10_000;

/**
 * The key of one firing: the same armed deadline always gives the same key, hence the same event ids, so whichever
 * instance, retry or replay fires it again finds its events already stored and appends nothing (R-TIME-7). A deadline
 * armed again later (same due date, new `armedAt`) is a new firing.
 */
export const firingKey = (action: TimerAction, streamId: string, deadline: Deadline): string =>
  ['timer', action, streamId, deadline.armedAt ?? -1, deadline.startedOn, deadline.dueOn].join('\u0000');

/** The files' deadlines of this kind that passed before today and arm a timer, earliest first. */
const passed = (
  files: readonly DeadlinesDocument[],
  kind: DeadlineKind,
  today: string,
): { doc: DeadlinesDocument; deadline: Deadline }[] =>
  files
    .map((doc) => ({ doc, deadline: doc[DEADLINE_FIELDS[kind]] }))
    .filter((entry): entry is { doc: DeadlinesDocument; deadline: Deadline } =>
      Boolean(entry.deadline?.action && entry.deadline.dueOn < today),
    )
    .sort(
      (a, b) =>
        a.deadline.dueOn.localeCompare(b.deadline.dueOn) ||
        (a.doc.id < b.doc.id ? -1 : a.doc.id > b.doc.id ? 1 : 0),
    );

/**
 * Fires every passed deadline of the `deadlines` read model as a SYSTEM command (R-TIME-1, 3–7): on the day
 * after its due date, or later when the process was down (a run catches up everything overdue).
 */
@Injectable()
export class Timers {
  private readonly logger = new Logger('Timers');
  private queue: Promise<unknown> = Promise.resolve();
  /** Firings of this process since start, by action and outcome (for /metrics). */
  readonly firingCounts = new Map<`${TimerAction} ${FiringOutcome}`, number>();

  constructor(
    private readonly runner: CommandRunner,
    @Inject(READ_STORE) private readonly readStore: ReadStore,
    @Inject(READ_MODEL_STATUS) private readonly readModels: ReadModelStatus,
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SCHEME_CATALOGUE) private readonly schemes: SchemeCatalogue,
  ) {}

  /** Runs once now; runs of one process never overlap (a call during a run starts after it). */
  runDue(): Promise<TimerRun> {
    const run = this.queue.then(() => this.fireDue());
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async fireDue(): Promise<TimerRun> {
    const head = await this.events.headPosition();
    const readModelCurrent =
      head === null || (await this.readModels.waitFor(head, CATCH_UP_TIMEOUT_MS, ['deadlines']));
    if (!readModelCurrent) this.logger.warn('deadlines read model behind the log; firing what it shows');
    const today = dateOf(this.clock.now().toISOString());
    const firings: Firing[] = [];
    const files = await this.withPassedDeadlines(today);
    for (const kind of DEADLINE_KINDS) {
      for (const { doc, deadline } of passed(files, kind, today)) {
        if (!deadline.action) continue;
        const firing = await this.fire(deadline.action, deadline, doc, today);
        const key = `${firing.action} ${firing.outcome}` as const;
        this.firingCounts.set(key, (this.firingCounts.get(key) ?? 0) + 1);
        firings.push(firing);
      }
    }
    const fired = firings.filter((f) => f.outcome === 'fired').length;
    if (fired > 0) this.logger.log(`${today}: ${fired} deadline(s) fired`);
    return { today, readModelCurrent, firings };
  }

  /** Files with an armed deadline that passed before today (through the `armedDueOn` index). */
  private async withPassedDeadlines(today: string): Promise<DeadlinesDocument[]> {
    const found: DeadlinesDocument[] = [];
    for (let page = 1; ; page++) {
      const result = await this.readStore.find<DeadlinesDocument>('deadlines', {
        where: { armedDueOn: { lt: today } },
        sort: [{ field: 'armedDueOn', direction: 'asc' }],
        page,
        pageSize: PAGE,
      });
      found.push(...result.items);
      if (page * PAGE >= result.total) return found;
    }
  }

  private async fire(
    action: TimerAction,
    deadline: Deadline,
    doc: DeadlinesDocument,
    today: string,
  ): Promise<Firing> {
    const { decider, command } = timerFiring(action, deadline, doc, today, this.schemes);
    const correlationId = uuidv4();
    const base = { action, streamId: doc.id, dueOn: deadline.dueOn };
    try {
      const result = await this.runner.run(decider, doc.id, command, {
        actor: TIMER_ACTOR,
        idempotencyKey: firingKey(action, doc.id, deadline),
        correlationId,
      });
      const now = result.events.some((e) => e.metadata.correlationId === correlationId);
      return { ...base, outcome: now ? 'fired' : 'already-fired', events: result.events.map((e) => e.type) };
    } catch (error) {
      if (error instanceof DomainError) {
        // The state moved on since the read model saw it (reinstated, renewed, notified …): nothing to do.
        return { ...base, outcome: 'refused', events: [], reason: error.message };
      }
      this.logger.error(`${action} on ${doc.id} failed: ${(error as Error).message}`);
      return { ...base, outcome: 'failed', events: [], reason: (error as Error).message };
    }
  }
}
