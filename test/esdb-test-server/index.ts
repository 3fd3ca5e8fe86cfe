/**
 * An in-process EventStoreDB test double: the gRPC `Streams` service the `@eventstore/db-client` 6.2.1 client
 * uses, on the client's own generated service definitions, with an in-memory log. See README.md for its limits.
 */
import { Server, ServerCredentials, status } from '@grpc/grpc-js';
import { StreamsService, type IStreamsServer } from '@eventstore/db-client/generated/streams_grpc_pb';
import { handleAppend } from './append';
import { EventLog } from './log';
import { handleRead, type SubscriptionRegistry } from './read';
import { seedSystemEvents } from './system-events';

export interface EsdbTestServerOptions {
  /** 0 or absent: any free port. */
  port?: number;
  /**
   * Write the system events a fresh node has in `$all` (`$`-prefixed streams) before anything else, so a
   * client that forgets to exclude them fails here as it would against a real server. Default true.
   */
  systemEvents?: boolean;
}

export interface EsdbTestServer {
  /** `esdb://127.0.0.1:<port>?tls=false` */
  connectionString: string;
  port: number;
  stop(): Promise<void>;
  /** Ends every open subscription call with UNAVAILABLE (the client surfaces an `UnavailableError`). */
  dropSubscriptions(): void;
}

const unimplemented = (what: string) => ({
  code: status.UNIMPLEMENTED,
  details: `${what} is not implemented by the ESDB test server`,
});

/** Grace period for open calls on stop() before the server cuts them. */
const SHUTDOWN_GRACE_MS = 1_000;

export const startEsdbTestServer = async (options: EsdbTestServerOptions = {}): Promise<EsdbTestServer> => {
  const log = new EventLog();
  if (options.systemEvents ?? true) seedSystemEvents(log);
  const subscriptions: SubscriptionRegistry = new Set();
  const server = new Server();
  const streams: IStreamsServer = {
    read: handleRead(log, subscriptions),
    append: handleAppend(log),
    delete: (_call, callback) => callback(unimplemented('Streams.Delete'), null),
    tombstone: (_call, callback) => callback(unimplemented('Streams.Tombstone'), null),
    // The client only uses BatchAppend when ServerFeatures (not served here → UNIMPLEMENTED) lists it.
    batchAppend: (call) => call.emit('error', unimplemented('Streams.BatchAppend')),
  };
  server.addService(StreamsService, streams);
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync(`127.0.0.1:${options.port ?? 0}`, ServerCredentials.createInsecure(), (error, bound) =>
      error ? reject(error) : resolve(bound),
    ),
  );
  const dropSubscriptions = (): void => {
    for (const drop of [...subscriptions]) drop('Subscription dropped by the ESDB test server');
  };
  return {
    connectionString: `esdb://127.0.0.1:${port}?tls=false`,
    port,
    dropSubscriptions,
    stop: async () => {
      dropSubscriptions();
      await new Promise<void>((resolve) => {
        const force = setTimeout(() => server.forceShutdown(), SHUTDOWN_GRACE_MS);
        server.tryShutdown(() => {
          clearTimeout(force);
          resolve();
        });
      });
    },
  };
};
