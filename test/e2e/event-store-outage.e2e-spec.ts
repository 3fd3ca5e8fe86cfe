import { EsdbEventStore } from '@app/event-store/esdb';
import { annexA, completeMaterials, startTcpProxy, until, type TcpProxy } from '@app/testing';
import { startEsdbTestServer, type EsdbTestServer } from '../esdb-test-server';
import { listedApplicationIds } from './listed-applications';
import { as, startApi, type Api, type TestUser } from './api-harness';

jest.setTimeout(60_000);

/**
 * The API on EventStoreDB (the gRPC test server behind a TCP proxy that is cut for a while): commands are answered
 * 503 STORE_UNAVAILABLE and the API is unready, then everything works again — the projector too, which was
 * following the log when it went away.
 */
describe('an EventStoreDB outage', () => {
  let server: EsdbTestServer;
  let proxy: TcpProxy;
  let api: Api;
  let intake: TestUser;

  beforeAll(async () => {
    server = await startEsdbTestServer();
    const { port } = new URL(server.connectionString.replace('esdb://', 'http://'));
    proxy = await startTcpProxy({ host: '127.0.0.1', port: Number(port) });
    api = await startApi('2026-03-02T02:00:00.000Z', {
      eventStore: () =>
        EsdbEventStore.connect({ connectionString: `esdb://127.0.0.1:${proxy.port}?tls=false` }),
    });
    intake = await api.user('intake', ['INTAKE_OFFICER']);
  });

  afterAll(async () => {
    await api?.close();
    await proxy?.close();
    await server?.stop();
  });

  const submit = () =>
    api
      .http()
      .post('/api/v1/applications')
      .set(...as(intake))
      .send({ kind: 'INITIAL', annexA: annexA(), materials: completeMaterials() });
  const applicationIds = (): Promise<string[]> => listedApplicationIds(api, intake);

  it('answers commands 503 STORE_UNAVAILABLE while it is out of reach, and takes them again once it is back', async () => {
    const before = (await submit().expect(201)).body as { id: string };
    await until('the first application projected', async () => (await applicationIds()).length === 1);

    await proxy.cut();
    const refused = await submit();
    expect({ status: refused.status, body: refused.body as unknown }).toEqual({
      status: 503,
      body: expect.objectContaining({ statusCode: 503, code: 'STORE_UNAVAILABLE' }),
    });
    expect((await api.http().get('/health/ready')).status).toBe(503);

    await proxy.restore();
    let after: { id: string } | undefined;
    await until('a command taken again', async () => {
      const response = await submit();
      if (response.status === 201) after = response.body as { id: string };
      return after !== undefined;
    });
    await until(
      'the application decided after the outage projected',
      async () => (await applicationIds()).length === 2,
    );
    expect(await applicationIds()).toEqual([before.id, after!.id].sort());
    await api.http().get('/health/ready').expect(200);
  });
});
