/**
 * Personal data of Annex A (contact person, phone, e-mail, legal representative; PIPL, R-REG-2) never leaves the
 * back office: a whole certificate story is run over HTTP with marked values, then every log line the API wrote
 * (at trace level), every answer of every @Public route of the route table and every Kafka message the status
 * relay produces from the log are scanned for them — and for credentials (passwords, tokens).
 */
import './test-secret';
import { PARAMS_PROVIDER_TOKEN } from 'nestjs-pino';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import { contractMapper, openCheckpointStore, StatusRelay, type OutboundMessage } from '@app/messaging';
import { FakePublisher } from '@app/messaging/relay/testing/fake-publisher';
import { quietLogger, waitUntil } from '@app/messaging/relay/testing/relay-fixtures';
import { ProjectorLease } from '@app/read-models';
import { annexA } from '@app/testing';
import { loggerParams } from '../../apps/api/src/platform/logging';
import { as, PASSWORD, startApi, type Api, type TestUser } from '../e2e/api-harness';
import { createStaff, reviewedAudit, type Staff } from '../e2e/granted-certificate';
import { concretePath, routeTable } from './route-table';

/** Marked personal data: no other fixture uses these values, so any hit is this story's leak. */
const PERSON = {
  legalRepresentative: '隐私法人欧阳明',
  contactPerson: '隐私联系人司马兰',
  phone: '+86 591 0000 7777',
  email: 'privacy-probe@pii-scan.example.cn',
};
const PERSONAL_KEYS = Object.keys(PERSON);

describe('personal data and credentials stay out of public answers, logs and Kafka messages', () => {
  const logLines: string[] = [];
  let api: Api;
  let store: EventStore;
  let staff: Staff;
  let number: string;
  const secrets: string[] = [PASSWORD];

  /** Throws naming the first marked value or personal key found in `text`. */
  const scan = (text: string, where: string, also: string[] = [], keys = true): void => {
    for (const value of [...Object.values(PERSON), ...also]) {
      if (text.includes(value)) throw new Error(`${where} contains ${value}`);
    }
    for (const key of keys ? PERSONAL_KEYS : []) {
      if (text.includes(`"${key}"`)) throw new Error(`${where} contains the key ${key}`);
    }
  };

  beforeAll(async () => {
    api = await startApi('2026-06-01T02:00:00.000Z', {
      override: (builder) =>
        builder
          .overrideProvider(PARAMS_PROVIDER_TOKEN)
          .useValue(loggerParams('trace', { write: (line: string) => logLines.push(line) })),
    });
    store = api.app.get<EventStore>(EVENT_STORE);
    staff = await createStaff(api, 'pii-');
    secrets.push(...Object.values(staff).map((user: TestUser) => user.token));

    const post = async (user: TestUser, path: string, body: object) => {
      const response = await api
        .http()
        .post(`/api/v1${path}`)
        .set(...as(user))
        .send(body);
      if (response.status >= 300)
        throw new Error(`${path}: ${response.status} ${JSON.stringify(response.body)}`);
      return response.body as { id: string; created?: Record<string, string> };
    };
    const form = annexA({ organisation: { ...annexA().organisation, ...PERSON } });
    // A refused submission first: the 400 path must not log the body it refused either.
    await api
      .http()
      .post('/api/v1/applications')
      .set(...as(staff.intake))
      .send({ kind: 'INITIAL', annexA: { ...form, organisation: { ...form.organisation, uscc: 'bad' } } })
      .expect(400);
    const auditId = await reviewedAudit(api, staff, form);
    const audit = await api
      .http()
      .get(`/api/v1/audits/${auditId}`)
      .set(...as(staff.lead))
      .expect(200);
    const { applicationId } = (audit.body as { state: { subject: { applicationId: string } } }).state.subject;
    const decided = await post(staff.decider, `/audits/${auditId}/decide`, {
      outcome: 'GRANT',
      reasons: [],
      scope: '智能客户服务',
    });
    number = decided.created!.certificateNumber;
    const certificate = `/certificates/${number}`;
    await post(staff.registry, `${certificate}/change`, {
      field: 'NAME',
      after: '福州隐私测试有限公司',
      reason: '更名',
    });
    await post(staff.decider, `${certificate}/suspend`, {
      ground: 'GENERAL_VIOLATION',
      reason: '一般违法违规',
      correctionsRequired: ['整改'],
      deadline: '2026-08-01',
    });
    await post(staff.decider, `${certificate}/reinstate`, {
      verification: { kind: 'REVIEW', reference: 'R-1' },
      reason: '整改已验证',
    });
    // Back-office reads that do return the personal data (to their authorised callers) — and get logged.
    await api
      .http()
      .get(`/api/v1/applications/${applicationId}`)
      .set(...as(staff.intake))
      .expect(200);
    await api
      .http()
      .get(`/api/v1/applications?q=${encodeURIComponent('隐私')}`)
      .set(...as(staff.intake))
      .expect(200);
    const head = await store.headPosition();
    expect(await api.app.get(ProjectorLease).waitFor(head!, 10_000)).toBe(true);
  });

  afterAll(() => api.close());

  it('the story did record the marked personal data (so the scans below can fail)', async () => {
    const events = await store.readAll({ maxCount: 10_000 });
    const stored = JSON.stringify(events.map((event) => event.data));
    Object.values(PERSON).forEach((value) => expect(stored).toContain(value));
  });

  it('answers of every @Public route of the route table are free of personal data', async () => {
    const publicGets = routeTable(api.app).filter(
      (route) => route.access?.kind === 'PUBLIC' && route.method === 'GET',
    );
    expect(publicGets.length).toBeGreaterThanOrEqual(4);
    const paths = [
      ...publicGets.map((route) => concretePath(route, { number })),
      `/api/v1/registry/certificates?q=${encodeURIComponent('福州')}`,
      `/api/v1/registry/certificates?q=${number}`,
      '/docs-json',
    ];
    for (const path of paths) {
      const response = await api.http().get(path);
      expect({ path, status: response.status < 500 }).toEqual({ path, status: true });
      // The API description names the fields (it documents the back-office DTOs), it holds no data.
      scan(
        response.text,
        path,
        [staff.decider.id, staff.registry.id, staff.decider.username],
        path !== '/docs-json',
      );
    }
  });

  it('no log line holds personal data, a password or a token, at trace level', () => {
    expect(logLines.length).toBeGreaterThan(30);
    // The requests are logged (one summary line each: no headers, no body); lines logged while a request is
    // served carry the whole request with its credentials redacted (logging.e2e-spec).
    expect(logLines.filter((line) => line.includes('"msg":"request completed"')).length).toBeGreaterThan(10);
    logLines.forEach((line, index) => scan(line, `log line ${index}`, secrets));
  });

  it('no Kafka message the status relay produces from this log holds personal data', async () => {
    const publisher = new FakePublisher();
    const relay = new StatusRelay({
      eventStore: store,
      checkpoints: await openCheckpointStore(store),
      publisher,
      map: contractMapper,
      logger: quietLogger,
      checkpointName: 'pii-scan',
    });
    relay.start();
    try {
      // issued, changed, suspended, reinstated
      await waitUntil(() => publisher.acknowledged.length >= 4, 10_000);
    } finally {
      await relay.stop();
    }
    const messages: OutboundMessage[] = publisher.acknowledged;
    expect(messages.map((message) => message.key)).toEqual(messages.map(() => number));
    messages.forEach((message, index) =>
      scan(JSON.stringify(message), `Kafka message ${index}`, [staff.decider.id, staff.registry.id]),
    );
  });
});
