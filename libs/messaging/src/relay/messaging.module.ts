import {
  Global,
  Inject,
  Injectable,
  Logger,
  Module,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { runsHere, type Environment } from '@app/config';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import { kafkaSettingsFrom } from '../kafka/kafka-settings';
import { KafkajsStatusPublisher } from '../kafka/kafkajs-status-publisher';
import { contractMapper } from './contract-mapper';
import { openCheckpointStore } from './open-checkpoint-store';
import { RELAY_OFF, RELAY_STATUS, type RelayStatusSource } from './relay-status';
import { StatusRelay } from './status-relay';

/** The relay when KAFKA_BROKERS is set and KAFKA_RELAY is on, else null (relay off, no error). */
export const createStatusRelay = async (
  config: ConfigService<Environment, true>,
  eventStore: EventStore,
): Promise<StatusRelay | null> => {
  const settings = kafkaSettingsFrom(config);
  if (!settings || !runsHere(config, 'KAFKA_RELAY')) return null;
  const logger = new Logger('KafkaStatusRelay');
  return new StatusRelay({
    eventStore,
    checkpoints: await openCheckpointStore(eventStore),
    publisher: new KafkajsStatusPublisher({ ...settings, logger: new Logger('kafkajs') }),
    map: contractMapper,
    logger,
  });
};

export const STATUS_RELAY = Symbol('StatusRelay');

/** Starts the relay once the application is up (in the background: never delays or blocks start-up). */
@Injectable()
class RelayLifecycle implements OnApplicationBootstrap, OnModuleDestroy {
  constructor(@Inject(STATUS_RELAY) private readonly relay: StatusRelay | null) {}

  onApplicationBootstrap(): void {
    if (!this.relay) {
      new Logger('KafkaStatusRelay').log(
        'Status events are not relayed by this process (KAFKA_BROKERS unset or KAFKA_RELAY=off)',
      );
      return;
    }
    this.relay.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.relay?.stop();
  }
}

/**
 * The Kafka status-event relay (issue 6). Provides RELAY_STATUS for health and metrics (state `off` without
 * KAFKA_BROKERS). Needs the global ConfigModule and EventStoreModule.
 */
@Global()
@Module({
  providers: [
    { provide: STATUS_RELAY, useFactory: createStatusRelay, inject: [ConfigService, EVENT_STORE] },
    {
      provide: RELAY_STATUS,
      useFactory: (relay: StatusRelay | null): RelayStatusSource => relay ?? RELAY_OFF,
      inject: [STATUS_RELAY],
    },
    RelayLifecycle,
  ],
  exports: [RELAY_STATUS, STATUS_RELAY],
})
export class MessagingModule {}
