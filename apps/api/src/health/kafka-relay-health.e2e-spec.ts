import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { AppModule } from '../app.module';
import { createTestApp, initTestApp } from '@app/testing';

describe('Kafka relay in health and metrics (HTTP, KAFKA_BROKERS unset)', () => {
  let app: INestApplication;

  beforeAll(async () => {
    expect(process.env.KAFKA_BROKERS ?? '').toBe('');
    const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
    app = createTestApp(moduleRef);
    await initTestApp(app);
  });

  afterAll(async () => {
    await app.close();
  });

  it('reports the relay off in /health/ready without degrading readiness', async () => {
    const response = await request(app.getHttpServer()).get('/health/ready').expect(200);
    expect(response.body).toMatchObject({
      status: 'ok',
      kafkaRelay: { state: 'off', checkpoint: null, lag: 0, lastError: null, retries: 0 },
    });
  });

  it('exposes kafka_relay_lag_events with the relay state', async () => {
    const response = await request(app.getHttpServer()).get('/metrics').expect(200);
    expect(response.text).toContain('kafka_relay_lag_events{state="off"} 0');
  });
});
