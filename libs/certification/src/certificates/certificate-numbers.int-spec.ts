import { randomUUID } from 'node:crypto';
import { CMM_525_0002_V1 } from '@app/domain';
import { SqliteEventStore } from '@app/event-store';
import { ManualClock } from '../clock';
import type { CommandMetadata } from '../command-metadata';
import { CertificateNumbers } from './certificate-numbers';

const META: CommandMetadata = {
  actor: { id: 'decider', role: 'DECISION_MAKER' },
  correlationId: randomUUID(),
} as CommandMetadata;
const STREAM = '$certificate-numbers-2026';

/** R-CERT-1 — two processes allocating from one store: each keeps what it read of the year's allocations. */
describe('CertificateNumbers (R-CERT-1)', () => {
  let store: SqliteEventStore;
  beforeEach(() => {
    store = SqliteEventStore.open({ path: ':memory:' });
  });
  afterEach(() => store.close());

  const process = () => new CertificateNumbers(store, new ManualClock('2026-06-01T02:00:00.000Z'));
  const allocate = (numbers: CertificateNumbers, decision: string) =>
    numbers.allocate(CMM_525_0002_V1, 2026, decision, META);

  it('gives sequential numbers across processes, and a decision its number again in either', async () => {
    const [first, second] = [process(), process()];
    const decisions = Array.from({ length: 6 }, () => randomUUID());
    const numbers = [];
    for (const [index, decision] of decisions.entries())
      numbers.push(await allocate(index % 2 === 0 ? first : second, decision));
    expect(numbers.map((number) => Number(number.slice(-5)))).toEqual([1, 2, 3, 4, 5, 6]);
    expect(await allocate(second, decisions[0])).toBe(numbers[0]);
    expect(await allocate(first, decisions[5])).toBe(numbers[5]);
    expect(await first.next(CMM_525_0002_V1, 2026)).toBe(numbers[5].replace(/\d{5}$/, '00007'));
    expect((await store.readStream(STREAM)).length).toBe(6);
  });

  it('reads only the allocations after those it has read', async () => {
    const numbers = process();
    for (let i = 0; i < 3; i++) await allocate(numbers, randomUUID());
    const read = jest.spyOn(store, 'readStream');
    await allocate(process(), randomUUID());
    await allocate(numbers, randomUUID());
    expect(read.mock.calls.filter(([stream]) => stream === STREAM).at(-1)?.[1]).toEqual({ fromRevision: 3 });
  });

  it('keeps numbers unique and consecutive when one process allocates concurrently', async () => {
    const numbers = process();
    const allocated = await Promise.all(Array.from({ length: 8 }, () => allocate(numbers, randomUUID())));
    expect(allocated.map((number) => Number(number.slice(-5))).sort((a, b) => a - b)).toEqual([
      1, 2, 3, 4, 5, 6, 7, 8,
    ]);
  });
});
