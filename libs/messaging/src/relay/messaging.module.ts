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
import { LeaseHolder, READ_STORE, type ReadStore } from '@app/read-models';
import { kafkaSettingsFrom } from '../kafka/kafka-settings';
import { KafkajsStatusPublisher } from '../kafka/kafkajs-status-publisher';
import { contractMapper } from './contract-mapper';
import { openCheckpointStore } from './open-checkpoint-store';
import { RELAY_OFF, RELAY_STATUS, type RelayStatus, type RelayStatusSource } from './relay-status';
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
/** The lease that lets one process relay at a time (null where this process does not relay). */
export const RELAY_LEASE = Symbol('RelayLease');
const RELAY_LEASE_NAME = 'kafka-relay';

/** The relay in the one process holding the read store's lease `kafka-relay`; others stand by. */
const createRelayLease = (
  relay: StatusRelay | null,
  readStore: ReadStore,
  config: ConfigService<Environment, true>,
): LeaseHolder | null =>
  relay &&
  new LeaseHolder(
    readStore,
    RELAY_LEASE_NAME,
    { description: 'the Kafka status relay', start: () => relay.start(), stop: () => relay.stop() },
    { ttlMs: config.get('LEASE_SECONDS', { infer: true }) * 1000, logger: new Logger('KafkaStatusRelay') },
  );

const STANDING_BY: RelayStatus = { state: 'standby', checkpoint: null, lag: 0, lastError: null, retries: 0 };

/**
 * The relay of this thread (standing by while another process holds its lease), else the one this API's background
 * thread runs (asked there), else off.
 */
const relayStatusSource = (
  relay: StatusRelay | null,
  lease: LeaseHolder | null,
  config: ConfigService<Environment, true>,
): RelayStatusSource => {
  if (relay && lease)
    return { status: () => (lease.isActive ? relay.status() : Promise.resolve(STANDING_BY)) };
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

  constructor(
    @Inject(RELAY_LEASE) private readonly lease: LeaseHolder | null,
    @Inject(RELAY_STATUS) private readonly status: RelayStatusSource,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.lease) {
      if (backgroundWorkHandedToThread()) return;
      new Logger('KafkaStatusRelay').log(
        'Status events are not relayed by this process (KAFKA_BROKERS unset or KAFKA_RELAY=off)',
      );
      return;
    }
    void this.lease.start();
    if (isBackgroundThread()) this.answering = answerRelayStatus(this.status);
  }

  async onModuleDestroy(): Promise<void> {
    this.answering?.close();
    await this.lease?.stop();
  }
}

/**
 * The Kafka status-event relay (issue 6). Provides RELAY_STATUS for health and metrics (state `off` without
 * KAFKA_BROKERS), the relay running in the one process that holds its lease. Needs the global ConfigModule,
 * EventStoreModule and ProjectionsModule (the lease is kept in the read store).
 */
@Global()
@Module({
  providers: [
    { provide: STATUS_RELAY, useFactory: createStatusRelay, inject: [ConfigService, EVENT_STORE] },
    { provide: RELAY_LEASE, useFactory: createRelayLease, inject: [STATUS_RELAY, READ_STORE, ConfigService] },
    {
      provide: RELAY_STATUS,
      useFactory: relayStatusSource,
      inject: [STATUS_RELAY, RELAY_LEASE, ConfigService],
    },
    RelayLifecycle,
  ],
  exports: [RELAY_STATUS, STATUS_RELAY, RELAY_LEASE],
})
export class MessagingModule {}
