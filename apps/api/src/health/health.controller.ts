import { Controller, Get, HttpCode, Inject, ServiceUnavailableException } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Public } from '@app/auth';
import { EVENT_STORE, serializePosition, type EventStore } from '@app/event-store';

/** Operations endpoints: open to the orchestrator's probes, no token. */
@Public()
@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  /** The process is up. */
  @Get('live')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** The process can serve: its event store answers. */
  @Get('ready')
  @HttpCode(200)
  async ready(): Promise<{ status: 'ok'; eventStore: { status: 'up'; headPosition: string | null } }> {
    try {
      const head = await this.store.headPosition();
      return {
        status: 'ok',
        eventStore: { status: 'up', headPosition: head === null ? null : serializePosition(head) },
      };
    } catch (error) {
      throw new ServiceUnavailableException({
        status: 'error',
        eventStore: { status: 'down', error: (error as Error).message },
      });
    }
  }
}
