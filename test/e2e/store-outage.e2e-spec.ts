import { randomUUID } from 'node:crypto';
import { CommandBus } from '@nestjs/cqrs';
import { MongoClient } from 'mongodb';
import { SubmitApplicationCommand } from '@app/certification';
import { annexA, completeMaterials, startTcpProxy, until, type TcpProxy } from '@app/testing';
import { listedApplicationIds } from './listed-applications';
import { describeWithMongo } from '../infra/mongo/describe-with-mongo';
import type { Api, TestUser } from './api-harness';

jest.setTimeout(60_000);

/** The variables this file sets for its API, put back afterwards. */
const VARIABLES = ['READ_STORE', 'AUTH_STORE', 'MONGODB_URI', 'MONGODB_DATABASE', 'AUTH_MONGODB_DATABASE'];

/**
 * The API on MongoDB read and identity stores, with MongoDB out of reach for a while (a TCP proxy in between is
 * cut): requests are answered 503 STORE_UNAVAILABLE, not 500, and everything works again once it is back — the
 * projector included, which projects what was decided meanwhile instead of stopping for good.
 */
describeWithMongo('a MongoDB outage', (uri) => {
  const saved = Object.fromEntries(VARIABLES.map((name) => [name, process.env[name]]));
  const databases = [
    `outage_read_${randomUUID().slice(0, 8)}`,
    `outage_identity_${randomUUID().slice(0, 8)}`,
  ];
  let proxy: TcpProxy;
  let api: Api;
  let intake: TestUser;
  let as: typeof import('./api-harness').as;

  beforeAll(async () => {
    const server = new URL(uri);
    proxy = await startTcpProxy({ host: server.hostname, port: Number(server.port || 27017) });
    Object.assign(process.env, {
      READ_STORE: 'mongodb',
      AUTH_STORE: 'mongodb',
      // A short server selection: an unreachable server is reported in a second, not in the driver's 30.
      MONGODB_URI: `mongodb://127.0.0.1:${proxy.port}/?directConnection=true&serverSelectionTimeoutMS=1000`,
      MONGODB_DATABASE: databases[0],
      AUTH_MONGODB_DATABASE: databases[1],
    });
    // Loaded now: AppModule reads the environment when it is first imported.
    const harness = await import('./api-harness');
    as = harness.as;
    api = await harness.startApi('2026-03-02T02:00:00.000Z');
    intake = await api.user('intake', ['INTAKE_OFFICER']);
  });

  afterAll(async () => {
    await api?.close();
    await proxy?.close();
    for (const name of VARIABLES) {
      if (saved[name] === undefined) delete process.env[name];
      else process.env[name] = saved[name];
    }
    const client = await MongoClient.connect(uri);
    try {
      for (const database of databases) await client.db(database).dropDatabase();
    } finally {
      await client.close();
    }
  });

  const applicationIds = (): Promise<string[]> => listedApplicationIds(api, intake);

  it('answers 503 STORE_UNAVAILABLE while MongoDB is out of reach, and serves again once it is back', async () => {
    await api.http().get('/api/v1/registry/certificates').expect(200);
    await api
      .http()
      .get('/api/v1/auth/me')
      .set(...as(intake))
      .expect(200);

    await proxy.cut();
    for (const request of [
      () => api.http().get('/api/v1/registry/certificates?q=福州'),
      () =>
        api
          .http()
          .get('/api/v1/auth/me')
          .set(...as(intake)),
      () =>
        api.http().post('/api/v1/auth/login').send({ username: 'intake', password: 'any password at all' }),
      () => api.http().get('/health/ready'),
    ]) {
      const response = await request();
      expect({ status: response.status, body: response.body as unknown }).toEqual({
        status: 503,
        body: expect.objectContaining({ statusCode: 503, code: 'STORE_UNAVAILABLE' }),
      });
    }
    // The event store is not MongoDB: a command decided meanwhile (here straight on the bus) is kept.
    const { id } = await api.app
      .get(CommandBus)
      .execute<SubmitApplicationCommand, { id: string }>(
        new SubmitApplicationCommand(
          { kind: 'INITIAL', annexA: annexA(), materials: completeMaterials() },
          { actor: { id: intake.id, role: 'INTAKE_OFFICER' }, correlationId: randomUUID() },
        ),
      );

    await proxy.restore();
    await until('the API answering again', async () => (await applicationIds()).length > 0);
    // The projector tried again from its checkpoint: what was decided during the outage is in the read models.
    expect(await applicationIds()).toEqual([id]);
    const ready = await api.http().get('/health/ready').expect(200);
    const states = (ready.body as { projections: { state: string; failure: unknown }[] }).projections;
    expect(states.filter((projection) => projection.failure !== null)).toEqual([]);
    await api.http().get('/api/v1/registry/certificates').expect(200);
  });
});
