import type { EventStore, RecordedEvent } from '@app/event-store';
import type { ReadModelStatus, ReadStore } from '@app/read-models';
import { SanctionsLookup } from './sanctions';

const event = (type: string, streamId: string, data: object, commit: number): RecordedEvent =>
  ({
    id: `e${commit}`,
    type,
    streamId,
    streamRevision: 0,
    globalPosition: { commit: BigInt(commit), prepare: BigInt(commit) },
    data,
    metadata: { occurredAt: '2026-06-01T02:00:00.000Z' },
  }) as unknown as RecordedEvent;

/** A log of two organisations' certificates, one suspended; read models behind it or current. */
const lookupWith = (readModelsCurrent: boolean) => {
  const log = [
    event('CertificateIssued', 'certificate-C-1', { holder: { uscc: 'A' } }, 1),
    event('CertificateIssued', 'certificate-C-2', { holder: { uscc: 'B' } }, 2),
    event('CertificateSuspended', 'certificate-C-1', { date: '2026-06-01' }, 3),
    event('CertificateRevoked', 'certificate-C-2', { date: '2026-06-02' }, 4),
  ];
  const store = {
    headPosition: async () => log[log.length - 1].globalPosition,
    readAll: jest.fn(async () => log),
  } as unknown as EventStore;
  const readStore = { find: jest.fn(async () => ({ items: [], total: 0, page: 1, pageSize: 200 })) };
  const readModels = { waitFor: jest.fn(async () => readModelsCurrent) } as unknown as ReadModelStatus;
  return {
    lookup: new SanctionsLookup(store, readStore as unknown as ReadStore, readModels),
    store,
    readStore,
    readModels,
  };
};

describe('SanctionsLookup (R-APP-3)', () => {
  it('given read models that include the log, when asked, then it answers from them without reading the log', async () => {
    const { lookup, store, readStore, readModels } = lookupWith(true);
    expect(await lookup.forOrganisation('A')).toEqual([]);
    expect(readModels.waitFor).toHaveBeenCalledWith(expect.anything(), expect.any(Number), [
      'certificates',
      'certificate-status-records',
    ]);
    expect(readStore.find).toHaveBeenCalledWith(
      'certificates',
      expect.objectContaining({ where: { 'holder.uscc': { eq: 'A' } } }),
    );
    expect(store.readAll).not.toHaveBeenCalled();
  });

  it('given an application without read models, when asked, then it reads the log', async () => {
    const { store } = lookupWith(true);
    expect(await new SanctionsLookup(store).forOrganisation('A')).toEqual([
      { certificateNumber: 'C-1', kind: 'SUSPENDED', date: '2026-06-01', ownFault: true },
    ]);
  });

  it('given read models behind the log (or failed), when asked, then it reads the organisation’s sanctions from the log', async () => {
    const { lookup, readStore } = lookupWith(false);
    expect(await lookup.forOrganisation('A')).toEqual([
      { certificateNumber: 'C-1', kind: 'SUSPENDED', date: '2026-06-01', ownFault: true },
    ]);
    expect(await lookup.forOrganisation('B')).toEqual([
      { certificateNumber: 'C-2', kind: 'REVOKED', date: '2026-06-02', ownFault: true },
    ]);
    expect(readStore.find).not.toHaveBeenCalled();
  });
});
