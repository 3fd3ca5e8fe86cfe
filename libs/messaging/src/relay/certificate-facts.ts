import type { EventStore, RecordedEvent } from '@app/event-store';

/** What the status events need to know of a certificate besides the event itself. */
export interface CertificateFacts {
  holderName: string | null;
  /** The public status after the event (unchanged by changes, reissues, renewals and surveillance records). */
  status: string | null;
}

const UNKNOWN: CertificateFacts = { holderName: null, status: null };

const factsAfter = (event: RecordedEvent, current: CertificateFacts): CertificateFacts => {
  const data = event.data as {
    holder?: { name?: unknown };
    field?: unknown;
    after?: unknown;
    statusAfter?: unknown;
  };
  let { holderName, status } = current;
  if (event.type === 'CertificateIssued' && typeof data.holder?.name === 'string')
    holderName = data.holder.name;
  if (event.type === 'CertificateChanged' && data.field === 'NAME' && typeof data.after === 'string') {
    holderName = data.after;
  }
  // Every status change of a certificate records its status after (R-CERT-4).
  if (typeof data.statusAfter === 'string') status = data.statusAfter;
  return { holderName, status };
};

/**
 * The holder name and status of each certificate as of the event being relayed, folded from its events in log
 * order. After a restart from a checkpoint a certificate is unknown: its stream is read once, up to that event.
 */
export class CertificateFactsTracker {
  private readonly facts = new Map<string, CertificateFacts>();

  constructor(private readonly eventStore: EventStore) {}

  /** The facts after applying `event` (call in log order). */
  async apply(event: RecordedEvent): Promise<CertificateFacts> {
    const known = this.facts.get(event.streamId);
    const next = known ? factsAfter(event, known) : await this.replay(event);
    this.facts.set(event.streamId, next);
    return next;
  }

  private async replay(event: RecordedEvent): Promise<CertificateFacts> {
    if (event.streamRevision === 0) return factsAfter(event, UNKNOWN);
    const history = await this.eventStore.readStream(event.streamId, {
      fromRevision: 0,
      maxCount: event.streamRevision + 1,
    });
    return history.reduce<CertificateFacts>((facts, e) => factsAfter(e, facts), UNKNOWN);
  }
}
