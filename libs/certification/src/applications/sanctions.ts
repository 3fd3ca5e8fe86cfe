import { Inject, Injectable } from '@nestjs/common';
import type { RecordedSanction } from '@app/domain';
import { EVENT_STORE, type EventStore, type Position, type RecordedEvent } from '@app/event-store';

const BATCH = 1000;

/**
 * Suspensions and revocations of an organisation's certificates, from this system's own records (R-APP-3).
 * Reads the certificate events of the log; the read models of a later issue will answer this from an index.
 */
@Injectable()
export class SanctionsLookup {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async forOrganisation(uscc: string): Promise<RecordedSanction[]> {
    const holderOf = new Map<string, string>();
    const sanctions: { streamId: string; sanction: RecordedSanction }[] = [];
    let fromPosition: Position | undefined;
    for (;;) {
      const batch: RecordedEvent[] = await this.store.readAll({
        fromPosition,
        maxCount: BATCH,
        filter: {
          streamPrefixes: ['certificate-'],
          eventTypes: ['CertificateIssued', 'CertificateSuspended', 'CertificateRevoked'],
        },
      });
      for (const event of batch) {
        const data = event.data as { number?: string; holder?: { uscc?: string }; date?: string };
        if (event.type === 'CertificateIssued' && data.holder?.uscc)
          holderOf.set(event.streamId, data.holder.uscc);
        else {
          sanctions.push({
            streamId: event.streamId,
            sanction: {
              certificateNumber: event.streamId.slice('certificate-'.length),
              kind: event.type === 'CertificateSuspended' ? 'SUSPENDED' : 'REVOKED',
              date: data.date ?? event.metadata.occurredAt.slice(0, 10),
              // Every suspension and revocation ground of §8.2 is the holder's own doing.
              ownFault: true,
            },
          });
        }
      }
      if (batch.length < BATCH) break;
      fromPosition = batch[batch.length - 1].globalPosition;
    }
    return sanctions.filter((s) => holderOf.get(s.streamId) === uscc).map((s) => s.sanction);
  }
}
