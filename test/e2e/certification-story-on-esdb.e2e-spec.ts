import { EsdbEventStore } from '@app/event-store/esdb';
import { startEsdbTestServer } from '../esdb-test-server';
import { startApi } from './api-harness';
import { describeCertificationStory } from './certification-story';

/** The same story with the production event-store adapter (EVENT_STORE=esdb) against the gRPC test server. */
describeCertificationStory('on EventStoreDB (gRPC test server)', async (start) => {
  const server = await startEsdbTestServer();
  const api = await startApi(start, {
    eventStore: () => EsdbEventStore.connect({ connectionString: server.connectionString }),
  });
  return { ...api, close: async () => (await api.close(), await server.stop()) };
});
