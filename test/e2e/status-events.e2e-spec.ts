/**
 * Certificate status events from HTTP commands: the API's embedded relay publishes to a real Kafka broker, in store
 * order, with bodies valid against the contract; and a command never waits for or fails on Kafka.
 */
import { randomUUID } from 'node:crypto';
import { describeWithKafka } from '../infra/kafka/describe-with-kafka';
import type { Api } from './api-harness';

type Harness = typeof import('./api-harness');
type Certificates = typeof import('./granted-certificate');
type Messaging = typeof import('@app/messaging');

/** The API module reads KAFKA_* when it is loaded: set them first, then load it. */
const loadApi = async (variables: Record<string, string>) => {
  Object.assign(process.env, variables);
  jest.resetModules();
  const harness: Harness = await import('./api-harness');
  const certificates: Certificates = await import('./granted-certificate');
  return { harness, certificates };
};

const restoreKafkaVariables = (): void => {
  delete process.env.KAFKA_BROKERS;
  delete process.env.KAFKA_TOPIC_STATUS;
};

describe('a command with Kafka unreachable', () => {
  let api: Api;
  afterAll(async () => {
    await api?.close();
    restoreKafkaVariables();
  });

  it('succeeds at once, and the relay reports that it is retrying', async () => {
    const { harness, certificates } = await loadApi({ KAFKA_BROKERS: '127.0.0.1:1' });
    api = await harness.startApi('2026-06-01T02:00:00.000Z');
    const staff = await certificates.createStaff(api);
    const started = Date.now();
    const number = await certificates.grantedCertificate(api, staff);
    expect(number).toMatch(/^CMM-ICS-2026-\d{5}$/);
    expect(Date.now() - started).toBeLessThan(20_000);
    const health = await api.http().get('/health/ready').expect(200);
    expect(health.body.kafkaRelay).toMatchObject({
      state: expect.stringMatching(/retrying|catching-up|live/),
    });
  });
});

describeWithKafka('certificate status events over Kafka from HTTP commands', (brokers) => {
  let api: Api;
  let stopTail: (() => Promise<void>) | undefined;
  afterAll(async () => {
    await stopTail?.();
    await api?.close();
    restoreKafkaVariables();
  });

  it('publishes a certificate’s status changes in store order, valid against the contract', async () => {
    const topic = `status-e2e-${randomUUID()}`;
    const { harness, certificates } = await loadApi({
      KAFKA_BROKERS: brokers.join(','),
      KAFKA_TOPIC_STATUS: topic,
    });
    const messaging: Messaging = await import('@app/messaging');
    api = await harness.startApi('2026-06-01T02:00:00.000Z');
    const staff = await certificates.createStaff(api);
    const number = await certificates.grantedCertificate(api, staff);
    const post = (path: string, body: object, user = staff.decider) =>
      api
        .http()
        .post(`/api/v1/certificates/${number}${path}`)
        .set(...harness.as(user))
        .send(body)
        .expect(200);
    await post(
      '/change',
      { field: 'NAME', after: '福州智服科技股份有限公司', reason: '更名' },
      staff.registry,
    );
    await post('/suspend', {
      ground: 'GENERAL_VIOLATION',
      reason: '一般违法违规',
      correctionsRequired: ['整改'],
      deadline: '2026-08-01',
    });
    await post('/reinstate', { verification: { kind: 'REVIEW', reference: 'R-1' }, reason: '整改已验证' });
    await post('/revoke', { ground: 'FALSE_INFORMATION', investigation: { findings: '材料不实' } });
    await post('/revocation-notice', { reasons: ['提供虚假材料'] });
    api.clock.set('2026-07-15T02:00:00.000Z');
    await post('/finalise-revocation', { reason: '申诉期满未申诉' });

    const received: {
      id: string | null;
      type: string | null;
      subject: string | null;
      time: string | null;
      data: unknown;
    }[] = [];
    const tail = await messaging.tailStatusEvents({
      settings: { brokers, clientId: 'status-e2e', topic },
      fromBeginning: true,
      logger: { warn: () => undefined, error: () => undefined },
      onEvent: (event) => received.push(event),
    });
    stopTail = tail.stop;
    const deadline = Date.now() + 30_000;
    while (received.filter((e) => e.subject === number).length < 6 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const mine = received.filter((e) => e.subject === number);
    const type = (name: string) => `cn.cmm.certification.certificate.${name}.v1`;
    expect(mine.map((e) => e.type)).toEqual(
      ['issued', 'changed', 'suspended', 'reinstated', 'revocation-opened', 'revoked'].map(type),
    );
    for (const event of mine) {
      const problems = messaging.validateStatusEvent({
        id: event.id!,
        type: event.type!,
        source: messaging.STATUS_EVENT_SOURCE,
        subject: event.subject!,
        time: event.time!,
        data: event.data as never,
      });
      expect(problems).toEqual([]);
    }
    expect(mine.map((e) => (e.data as { newStatus: string }).newStatus)).toEqual([
      'VALID',
      'VALID',
      'SUSPENDED',
      'VALID',
      'VALID',
      'REVOKED',
    ]);
    expect((mine[1].data as { holderName: string }).holderName).toBe('福州智服科技股份有限公司');
  });
});
