import { randomUUID } from 'node:crypto';
import { CMM_525_0002_V1 } from '@app/domain';
import { SqliteEventStore, type RecordedEvent } from '@app/event-store';
import { ManualClock } from '../clock';
import type { CommandMetadata } from '../command-metadata';
import { CertificateNumbers } from './certificate-numbers';

const META: CommandMetadata = {
  actor: { id: 'decider', role: 'DECISION_MAKER' },
  correlationId: randomUUID(),
} as CommandMetadata;
const STREAM = '$certificate-numbers-2026';

/** R-CERT-1 — numbers from the end of the year's allocations, by allocators of two processes on one store. */
describe('CertificateNumbers (R-CERT-1)', () => {
  let store: SqliteEventStore;
  beforeEach(() => {
    store = SqliteEventStore.open({ path: ':memory:' });
  });
  afterEach(() => store.close());

  const allocator = () => new CertificateNumbers(store, new ManualClock('2026-06-01T02:00:00.000Z'));
  /** A stored decision, as DecisionConsequences passes it: numbers are allocated after it. */
  const decided = async (): Promise<RecordedEvent> => {
    const streamId = `audit-${randomUUID()}`;
    await store.append(
      streamId,
      [
        {
          id: randomUUID(),
          type: 'CertificationDecided',
          data: {},
          metadata: {
            actor: META.actor,
            occurredAt: '2026-06-01T02:00:00.000Z',
            correlationId: META.correlationId,
            causationId: null,
            schemeVersion: null,
          },
        },
      ],
      'no_stream',
    );
    const [stored] = await store.readStream(streamId);
    return stored;
  };
  const allocate = (numbers: CertificateNumbers, decision: RecordedEvent) =>
    numbers.allocate(CMM_525_0002_V1, 2026, decision, META);
  const sequence = (number: string) => Number(number.slice(-5));

  it('gives sequential numbers across processes, and a decision its number again in either', async () => {
    const [first, second] = [allocator(), allocator()];
    const decisions = [];
    const numbers = [];
    for (let index = 0; index < 6; index++) {
      decisions.push(await decided());
      numbers.push(await allocate(index % 2 === 0 ? first : second, decisions[index]));
    }
    expect(numbers.map(sequence)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(await allocate(second, decisions[0])).toBe(numbers[0]);
    expect(await allocate(first, decisions[5])).toBe(numbers[5]);
    expect(sequence(await first.next(CMM_525_0002_V1, 2026))).toBe(7);
    expect((await store.readStream(STREAM)).length).toBe(6);
  });

  it('finds a decision’s number however many were allocated after it', async () => {
    const numbers = allocator();
    const early = await decided();
    await allocate(numbers, await decided());
    const number = await allocate(numbers, early);
    for (let i = 0; i < 250; i++) await allocate(numbers, await decided());
    expect(await allocate(allocator(), early)).toBe(number);
    expect((await store.readStream(STREAM)).length).toBe(252);
  });

  it('reads the end of the stream only: the last allocation, and those stored after the decision', async () => {
    const numbers = allocator();
    for (let i = 0; i < 300; i++) await allocate(numbers, await decided());
    const read = jest.spyOn(store, 'readStream');
    const decision = await decided();
    await numbers.next(CMM_525_0002_V1, 2026);
    await allocate(numbers, decision);
    const reads = read.mock.calls.filter(([stream]) => stream === STREAM);
    expect(reads.map(([, options]) => options)).toEqual([
      { direction: 'backwards', fromRevision: undefined, maxCount: 1 },
      { direction: 'backwards', fromRevision: undefined, maxCount: 100 },
    ]);
  });

  it('keeps numbers unique and consecutive when grants allocate concurrently', async () => {
    const numbers = allocator();
    const decisions = [];
    for (let i = 0; i < 8; i++) decisions.push(await decided());
    const allocated = await Promise.all(decisions.map((decision) => allocate(numbers, decision)));
    expect(allocated.map(sequence).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });
});
