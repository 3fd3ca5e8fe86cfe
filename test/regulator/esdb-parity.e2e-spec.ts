/**
 * Issue #10 — the regulator's answers do not depend on the event-store adapter. The same story (granted →
 * suspended → revoked after appeal) is driven over HTTP twice, once on the embedded SQLite store and once on the
 * EventStoreDB adapter (against the in-repo gRPC test server), and history, timeline, state and replay at several
 * moments and verification are compared.
 *
 * Compared structurally: the two runs generate their own ids (users, applications, audits, events, correlation
 * ids), so every uuid and every hash is replaced by a placeholder numbered in order of first appearance; log
 * positions are adapter-specific values (SQLite's sequence number, EventStoreDB's transaction-log offsets), so each
 * is replaced by its rank among the positions of the answers; `recordedAt` is the store's own clock. Everything
 * else — types, order, revisions, actors' roles, reasons, scheme versions, dates, states, registry entries,
 * chain validity — must be identical.
 */
import { EsdbEventStore } from '@app/event-store/esdb';
import { comparePositions, parsePosition } from '@app/event-store';
import { startEsdbTestServer } from '../esdb-test-server';
import type { Api } from '../e2e/api-harness';
import { startApi } from '../e2e/api-harness';
import { createStaff } from '../e2e/granted-certificate';
import { regulatorGet, revokedAfterAppeal } from './regulator-story';

const MOMENTS = [
  '2026-05-21T00:00:00Z', // the initial audit reported, its nonconformity open
  '2026-06-10T00:00:00Z', // granted
  '2026-08-10T00:00:00Z', // suspended
  '2026-09-25T00:00:00Z', // appeal lodged
  '2026-10-22T00:00:00Z', // revoked
];

type Answers = Record<string, unknown>;

/** Drives the story on `api` and collects the regulator's answers. */
const answersOf = async (api: Api): Promise<Answers> => {
  const staff = await createStaff(api);
  const regulator = await api.user('regulator', ['REGULATOR']);
  const { number } = await revokedAfterAppeal(api, staff);
  const get = (endpoint: string, query: Record<string, string | number> = {}) =>
    regulatorGet(api, regulator, number, endpoint, query);
  const answers: Answers = {
    history: await get('history', { pageSize: 500 }),
    filtered: await get('history', {
      types: 'CertificateSuspended,CertificateRevoked',
      pageSize: 1,
      page: 2,
    }),
    timeline: await get('timeline'),
    verification: await get('verification'),
  };
  for (const moment of MOMENTS) {
    answers[`state@${moment}`] = await get('state', { at: moment });
    answers[`replay@${moment}`] = await get('replay', { at: moment });
  }
  return answers;
};

const UUIDS = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
const HASH = /^[0-9a-f]{64}$/;
const POSITION = /^\d+\/\d+$/;

/** The answers with ids, hashes and positions replaced as explained above. */
const normalised = (answers: Answers): unknown => {
  const positions: string[] = [];
  const collect = (value: unknown): void => {
    if (typeof value === 'string' && POSITION.test(value)) positions.push(value);
    else if (Array.isArray(value)) value.forEach(collect);
    else if (value && typeof value === 'object') Object.values(value).forEach(collect);
  };
  collect(answers);
  const ranks = new Map(
    [...new Set(positions)]
      .sort((a, b) => comparePositions(parsePosition(a), parsePosition(b)))
      .map((position, rank) => [position, `position#${rank}`]),
  );
  // Uuids and hashes numbered in order of first appearance (a first pass, so that an id quoted inside a text — a
  // notice reference "NOTICE-<audit id>" — maps to the same placeholder wherever it appears).
  const placeholders = new Map<string, string>();
  const number = (kind: string, value: string) => {
    if (!placeholders.has(value)) placeholders.set(value, `${kind}#${placeholders.size}`);
  };
  const scan = (value: unknown): void => {
    if (typeof value === 'string') {
      for (const id of value.match(UUIDS) ?? []) number('uuid', id);
      if (HASH.test(value)) number('hash', value);
    } else if (Array.isArray(value)) value.forEach(scan);
    else if (value && typeof value === 'object') Object.values(value).forEach(scan);
  };
  scan(answers);
  const walk = (value: unknown, key?: string): unknown => {
    if (key === 'recordedAt') return '(store time)';
    if (typeof value === 'string') {
      if (POSITION.test(value)) return ranks.get(value);
      if (HASH.test(value)) return placeholders.get(value);
      return value.replace(UUIDS, (id) => placeholders.get(id)!);
    }
    if (Array.isArray(value)) return value.map((item) => walk(item));
    if (value && typeof value === 'object')
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v, k)]));
    return value;
  };
  return walk(answers);
};

describe('regulator answers are the same on SQLite and on EventStoreDB', () => {
  let sqlite: Answers;
  let esdb: Answers;

  beforeAll(async () => {
    const embedded = await startApi('2026-05-04T02:00:00.000Z');
    try {
      sqlite = await answersOf(embedded);
    } finally {
      await embedded.close();
    }
    const server = await startEsdbTestServer();
    const onEsdb = await startApi('2026-05-04T02:00:00.000Z', {
      eventStore: () => EsdbEventStore.connect({ connectionString: server.connectionString }),
    });
    try {
      esdb = await answersOf(onEsdb);
    } finally {
      await onEsdb.close();
      await server.stop();
    }
  }, 120_000);

  it('ran the story on both: 22 events in three streams, all verifying', () => {
    for (const answers of [sqlite, esdb]) {
      expect(answers.history).toMatchObject({
        total: 22,
        streams: [{ events: 2 }, { events: 13 }, { events: 7 }],
      });
      expect(answers.verification).toMatchObject({ valid: true });
    }
    // The adapters really differ underneath: EventStoreDB positions are transaction-log offsets.
    const firstPosition = (answers: Answers) =>
      (answers.history as { items: { position: string }[] }).items[0].position;
    expect(firstPosition(sqlite)).not.toEqual(firstPosition(esdb));
  });

  it('gives the same history (order, envelope, data), filtered page included', () => {
    const pick = (answers: Answers) => normalised(answers) as Answers;
    expect(pick(esdb).history).toEqual(pick(sqlite).history);
    expect(pick(esdb).filtered).toEqual(pick(sqlite).filtered);
  });

  it('gives the same timeline and the same state at every moment', () => {
    const [a, b] = [normalised(sqlite) as Answers, normalised(esdb) as Answers];
    expect(b.timeline).toEqual(a.timeline);
    for (const moment of MOMENTS) expect(b[`state@${moment}`]).toEqual(a[`state@${moment}`]);
  });

  it('gives the same verification: streams, lengths, heads (as the same events’ hashes), validity', () => {
    const [a, b] = [normalised(sqlite) as Answers, normalised(esdb) as Answers];
    expect(b.verification).toEqual(a.verification);
  });
});
