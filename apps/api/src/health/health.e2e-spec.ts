import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { AppModule } from '../app.module';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import { createTestApp, initTestApp } from '@app/testing';
import { anEvent } from '@app/testing/event-store-contract';

describe('health endpoints (HTTP)', () => {
  let app: INestApplication;

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
    app = createTestApp(moduleRef);
    await initTestApp(app);
  });

  afterAll(async () => {
    await app.close();
  });

  it('reports the process live', async () => {
    await request(app.getHttpServer()).get('/health/live').expect(200, { status: 'ok' });
  });

  it('reports ready with the event store reachable and every projection with its lag', async () => {
    const response = await request(app.getHttpServer()).get('/health/ready').expect(200);
    expect(response.body).toMatchObject({ status: 'ok', eventStore: { status: 'up', headPosition: null } });
    const names = (response.body.projections as { name: string; lag: number; failure: unknown }[]).map(
      (p) => p.name,
    );
    expect(names).toEqual(expect.arrayContaining(['registry', 'certificates', 'applications', 'audits']));
    for (const projection of response.body.projections as { lag: number; failure: unknown }[]) {
      expect(projection).toMatchObject({ lag: 0, failure: null });
    }
  });

  it('exposes Prometheus metrics with the projection lag', async () => {
    const response = await request(app.getHttpServer()).get('/metrics').expect(200);
    expect(response.text).toContain('projection_lag_events{projection="registry"} 0');
    expect(response.text).toContain('http_requests_total');
    expect(response.text).toContain('eventstore_resubscriptions 0');
  });

  it("times the embedded event store's group commits", async () => {
    const before = await request(app.getHttpServer()).get('/metrics').expect(200);
    expect(before.text).toContain('eventstore_commit_seconds_count 0');
    const store = app.get<EventStore>(EVENT_STORE);
    await Promise.all([
      store.append('probe-1', [anEvent('Probe')], 'no_stream'),
      store.append('probe-2', [anEvent('Probe'), anEvent('Probe')], 'no_stream'),
    ]);
    const after = await request(app.getHttpServer()).get('/metrics').expect(200);
    expect(after.text).toContain('eventstore_commit_seconds_count 1');
    expect(after.text).toContain('eventstore_commit_appends_total 2');
  });
});
