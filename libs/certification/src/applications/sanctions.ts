import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import type { RecordedSanction } from '@app/domain';
import { EVENT_STORE, type EventStore, type Position, type RecordedEvent } from '@app/event-store';
import {
  READ_MODEL_STATUS,
  READ_STORE,
  type CertificateDocument,
  type CertificateStatusRecordDocument,
  type ReadModelStatus,
  type ReadStore,
} from '@app/read-models';

const BATCH = 1000;
const PAGE = 200;
/** How long an acceptance waits for the read models to include the log as it stands, before scanning the log. */
const CATCH_UP_TIMEOUT_MS = 3_000;
/** The read models the sanctions are read from. */
const SOURCES = ['certificates', 'certificate-status-records'];
const SANCTION_STATUSES = ['SUSPENDED', 'REVOKED'] as const;

/**
 * Suspensions and revocations of an organisation's certificates, from this system's own records (R-APP-3): the
 * certificates whose holder has this USCC (the `certificates` read model, indexed on it), then their status changes
 * to SUSPENDED or REVOKED (B.3, `certificate-status-records`), once both read models include every event appended
 * before the question — so the answer is the log's. If they do not within a few seconds (behind, or failed), or
 * the application keeps no read models, the log itself is read: every certificate's issue, suspension and
 * revocation, which at 100k certificates takes seconds of the thread that asks.
 */
@Injectable()
export class SanctionsLookup {
  private readonly logger = new Logger('SanctionsLookup');

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    /** Absent where the application keeps no read models (the demo's and the benchmark's command path). */
    @Optional() @Inject(READ_STORE) private readonly readStore?: ReadStore,
    @Optional() @Inject(READ_MODEL_STATUS) private readonly readModels?: ReadModelStatus,
  ) {}

  async forOrganisation(uscc: string): Promise<RecordedSanction[]> {
    const head = await this.store.headPosition();
    if (head === null) return [];
    if (!this.readStore || !this.readModels) return this.fromLog(uscc);
    if (await this.readModels.waitFor(head, CATCH_UP_TIMEOUT_MS, SOURCES)) {
      return this.fromReadModels(this.readStore, uscc);
    }
    this.logger.warn(
      `read models ${SOURCES.join(' and ')} behind the log: reading the log for ${uscc}'s sanctions`,
    );
    return this.fromLog(uscc);
  }

  /** From the log: every certificate's issue (its holder), suspensions and revocations, in log order. */
  async fromLog(uscc: string): Promise<RecordedSanction[]> {
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

  /** From the read models, in date order (then by certificate number). */
  private async fromReadModels(readStore: ReadStore, uscc: string): Promise<RecordedSanction[]> {
    const numbers = await this.certificatesOf(readStore, uscc);
    const sanctions: RecordedSanction[] = [];
    for (let page = 1; numbers.length > 0; page++) {
      const records = await readStore.find<CertificateStatusRecordDocument>('certificate-status-records', {
        where: { certificateNumber: { in: numbers }, after: { in: [...SANCTION_STATUSES] } },
        sort: [
          { field: 'date', direction: 'asc' },
          { field: 'certificateNumber', direction: 'asc' },
        ],
        page,
        pageSize: PAGE,
      });
      for (const record of records.items) {
        sanctions.push({
          certificateNumber: record.certificateNumber,
          kind: record.after === 'SUSPENDED' ? 'SUSPENDED' : 'REVOKED',
          date: record.date,
          // Every suspension and revocation ground of §8.2 is the holder's own doing.
          ownFault: true,
        });
      }
      if (page * PAGE >= records.total) break;
    }
    return sanctions;
  }

  private async certificatesOf(readStore: ReadStore, uscc: string): Promise<string[]> {
    const numbers: string[] = [];
    for (let page = 1; ; page++) {
      const found = await readStore.find<CertificateDocument>('certificates', {
        where: { 'holder.uscc': { eq: uscc } },
        page,
        pageSize: PAGE,
      });
      numbers.push(...found.items.map((certificate) => certificate.number));
      if (page * PAGE >= found.total) return numbers;
    }
  }
}
