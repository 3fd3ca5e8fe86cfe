import { Controller, Get, HttpCode, Inject, ServiceUnavailableException } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Public } from '@app/auth';
import { EVENT_STORE, serializePosition, type EventStore } from '@app/event-store';
import { RELAY_STATUS, type RelayStatus, type RelayStatusSource } from '@app/messaging';
import { READ_MODEL_STATUS, type ReadModelStatus } from '@app/read-models';

interface ProjectionHealth {
  name: string;
  state: string;
  lag: number;
  failure: { eventId: string; eventType: string; message: string } | null;
}

/** Operations endpoints: open to the orchestrator's probes, no token. */
@Public()
@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_MODEL_STATUS) private readonly projections: ReadModelStatus,
    @Inject(RELAY_STATUS) private readonly relay: RelayStatusSource,
  ) {}

  /** The process is up. */
  @Get('live')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /**
   * The process can serve: its event store answers (else 503). Projections are reported with their lag; one
   * that stopped on an event it could not apply makes the answer `degraded` (commands still work, its read
   * model is stale until it is fixed and rebuilt).
   */
  @Get('ready')
  @HttpCode(200)
  async ready(): Promise<{
    status: 'ok' | 'degraded';
    eventStore: { status: 'up'; headPosition: string | null };
    projections: ProjectionHealth[];
    kafkaRelay: RelayStatus;
  }> {
    let headPosition: string | null;
    try {
      const head = await this.store.headPosition();
      headPosition = head === null ? null : serializePosition(head);
    } catch (error) {
      throw new ServiceUnavailableException({
        status: 'error',
        eventStore: { status: 'down', error: (error as Error).message },
      });
    }
    const projections = (await this.projections.status()).map(({ name, state, lag, failure }) => ({
      name,
      state,
      lag,
      failure: failure && {
        eventId: failure.eventId,
        eventType: failure.eventType,
        message: failure.message,
      },
    }));
    return {
      status: projections.some((p) => p.failure) ? 'degraded' : 'ok',
      eventStore: { status: 'up', headPosition },
      projections,
      // Informational: a broker outage does not make the API unready (commands do not depend on Kafka).
      kafkaRelay: await this.relay.status(),
    };
  }
}
