import { Inject, Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { EVENT_STORE, SqliteEventStore, type EventStore } from '@app/event-store';
import { RELAY_STATUS, type RelayStatusSource } from '@app/messaging';
import { CLOCK, Timers, type Clock } from '@app/certification';
import { dateOf } from '@app/domain';
import {
  DEADLINE_FIELDS,
  READ_MODEL_STATUS,
  READ_STORE,
  type DeadlineKind,
  type ReadModelStatus,
  type ReadStore,
} from '@app/read-models';

/** The files whose SLA breaches (R-TIME-1) are counted, by deadline kind. */
const SLA_KINDS: { kind: DeadlineKind; aggregate: string }[] = [
  { kind: 'acceptance', aggregate: 'application' },
  { kind: 'decision-notice', aggregate: 'audit' },
];

/**
 * Prometheus metrics of this process: HTTP traffic, projection lag and health, deadlines and timers, and Node's
 * defaults.
 */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();
  readonly httpRequests: Counter<'method' | 'route' | 'status'>;
  readonly httpDuration: Histogram<'method' | 'route'>;

  constructor(
    @Inject(READ_MODEL_STATUS) runner: ReadModelStatus,
    @Inject(EVENT_STORE) eventStore: EventStore,
    @Inject(RELAY_STATUS) relay: RelayStatusSource,
    @Inject(READ_STORE) readStore: ReadStore,
    @Inject(CLOCK) clock: Clock,
    timers: Timers,
  ) {
    collectDefaultMetrics({ register: this.registry });
    this.httpRequests = new Counter({
      name: 'http_requests_total',
      help: 'HTTP requests answered, by route template and status',
      labelNames: ['method', 'route', 'status'],
      registers: [this.registry],
    });
    this.httpDuration = new Histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP request duration, by route template',
      labelNames: ['method', 'route'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [this.registry],
    });
    const failed = new Gauge({
      name: 'projection_failed',
      help: '1 when the projection stopped on an event it could not apply',
      labelNames: ['projection'],
      registers: [],
    });
    new Gauge({
      name: 'projection_lag_events',
      help: 'Events in the log not yet applied by the projection (head − checkpoint)',
      labelNames: ['projection'],
      registers: [this.registry],
      // Read at scrape time; also refreshes `projection_failed`, registered after it so it is serialised after.
      async collect() {
        for (const status of await runner.status()) {
          this.set({ projection: status.name }, status.lag);
          failed.set({ projection: status.name }, status.failure ? 1 : 0);
        }
      },
    });
    this.registry.registerMetric(failed);
    new Gauge({
      name: 'kafka_relay_lag_events',
      help: 'Certificate events in the log not yet acknowledged by Kafka (head − relay checkpoint); 0 when off',
      labelNames: ['state'],
      registers: [this.registry],
      async collect() {
        const status = await relay.status();
        this.reset();
        this.set({ state: status.state }, status.lag);
      },
    });
    if (eventStore instanceof SqliteEventStore) this.observeGroupCommits(eventStore);
    new Gauge({
      name: 'eventstore_resubscriptions',
      help: 'Subscriptions to the event store re-established after a drop (EventStoreDB adapter)',
      registers: [this.registry],
      collect() {
        this.set('resubscriptions' in eventStore ? Number(eventStore.resubscriptions) : 0);
      },
    });
    new Gauge({
      name: 'deadlines_overdue',
      help: 'Deadlines past their due date and still running, by kind (GET /api/v1/worklists/deadlines)',
      labelNames: ['kind'],
      registers: [this.registry],
      async collect() {
        const today = dateOf(clock.now().toISOString());
        for (const [kind, field] of Object.entries(DEADLINE_FIELDS)) {
          const { total } = await readStore.find('deadlines', {
            where: { [`${field}.dueOn`]: { lt: today } },
            pageSize: 1,
          });
          this.set({ kind }, total);
        }
      },
    });
    new Gauge({
      name: 'sla_breached_files',
      help: 'Applications (acceptance) and audits (decision notice) with at least one recorded SLA breach (R-TIME-1)',
      labelNames: ['kind'],
      registers: [this.registry],
      async collect() {
        for (const { kind, aggregate } of SLA_KINDS) {
          const { total } = await readStore.find('deadlines', {
            where: { aggregate: { eq: aggregate }, slaBreaches: { gte: 1 } },
            pageSize: 1,
          });
          this.set({ kind }, total);
        }
      },
    });
    new Gauge({
      name: 'timer_firings',
      help: 'Deadlines this process fired since it started, by action and outcome (R-TIME-7: a repeat is already-fired)',
      labelNames: ['action', 'outcome'],
      registers: [this.registry],
      collect() {
        for (const [key, count] of timers.firingCounts) {
          const [action, outcome] = key.split(' ');
          this.set({ action, outcome }, count);
        }
      },
    });
  }

  /**
   * The embedded event store's group commits on this thread: a command is acknowledged after its group's commit, and
   * the thread answers nothing else meanwhile (synchronous=FULL waits for the disk's fsync there).
   */
  private observeGroupCommits(eventStore: SqliteEventStore): void {
    const seconds = new Histogram({
      name: 'eventstore_commit_seconds',
      help: 'Group commits of the embedded event store on the API thread, BEGIN to COMMIT (fsync included)',
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
      registers: [this.registry],
    });
    const appends = new Counter({
      name: 'eventstore_commit_appends_total',
      help: 'Appends in committed group commits of the embedded event store on the API thread (each stored or refused alone)',
      registers: [this.registry],
    });
    eventStore.onGroupCommit((commit) => {
      seconds.observe(commit.seconds);
      if (commit.committed) appends.inc(commit.appends);
    });
  }
}
