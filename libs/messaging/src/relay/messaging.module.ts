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
import { backgroundWorkHandedToThread, isBackgroundThread, runsHere, type Environment } from '@app/config';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import { kafkaSettingsFrom } from '../kafka/kafka-settings';
import { KafkajsStatusPublisher } from '../kafka/kafkajs-status-publisher';
import { contractMapper } from './contract-mapper';
import { openCheckpointStore } from './open-checkpoint-store';
import { RELAY_OFF, RELAY_STATUS, type RelayStatusSource } from './relay-status';
import { answerRelayStatus, RelayStatusFromThread } from './relay-status-channel';
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

/** The relay of this thread, else the one this API's background thread runs (asked there), else off. */
const relayStatusSource = (
  relay: StatusRelay | null,
  config: ConfigService<Environment, true>,
): RelayStatusSource => {
  if (relay) return relay;
  const inBackgroundThread =
    backgroundWorkHandedToThread() &&
    kafkaSettingsFrom(config) !== null &&
    config.get('KAFKA_RELAY', { infer: true }) === 'on';
  return inBackgroundThread ? new RelayStatusFromThread() : RELAY_OFF;
};

/** Starts the relay once the application is up (in the background: never delays or blocks start-up). */
@Injectable()
class RelayLifecycle implements OnApplicationBootstrap, OnModuleDestroy {
  private answering: { close: () => void } | null = null;

  constructor(@Inject(STATUS_RELAY) private readonly relay: StatusRelay | null) {}

  onApplicationBootstrap(): void {
    if (!this.relay) {
      if (backgroundWorkHandedToThread()) return;
      new Logger('KafkaStatusRelay').log(
        'Status events are not relayed by this process (KAFKA_BROKERS unset or KAFKA_RELAY=off)',
      );
      return;
    }
    this.relay.start();
    if (isBackgroundThread()) this.answering = answerRelayStatus(this.relay);
  }

  async onModuleDestroy(): Promise<void> {
    this.answering?.close();
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
      useFactory: relayStatusSource,
      inject: [STATUS_RELAY, ConfigService],
    },
    RelayLifecycle,
  ],
  exports: [RELAY_STATUS, STATUS_RELAY],
})
export class MessagingModule {}
