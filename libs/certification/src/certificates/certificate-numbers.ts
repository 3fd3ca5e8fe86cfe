import { Inject, Injectable } from '@nestjs/common';
import { v5 as uuidv5 } from 'uuid';
import { formatCertificateNumber, type SchemeVersion } from '@app/domain';
import {
  EVENT_STORE,
  StreamNotFoundError,
  WrongExpectedVersionError,
  type EventStore,
  type RecordedEvent,
} from '@app/event-store';
import { CLOCK, type Clock } from '../clock';
import type { CommandMetadata } from '../command-metadata';

const NAMESPACE = '6d0f3c2a-91b8-4f57-a3e2-5c7d9b1e0f42';
const MAX_ATTEMPTS = 50;

interface Allocation {
  number: string;
  sequence: number;
  year: number;
  decisionEventId: string;
}

/** A year's allocations as read so far: the decisions they serve, and how many there are. */
interface YearAllocations {
  numberOf: Map<string, string>;
  count: number;
}

/**
 * Certificate numbers (R-CERT-1): sequential per year, unique under concurrency. Each year has a helper stream
 * whose revision is the sequence; an allocation is appended with the expected revision, so two concurrent grants
 * can never take the same number. An allocation is keyed by the decision it serves, so retrying a decision's
 * consequences reuses its number instead of leaving a gap. The stream is append-only, so what this process has
 * read of it is kept and each grant reads only the allocations after it (a year of 100k certificates took about a
 * second of the API thread to read whole, twice per grant).
 */
@Injectable()
export class CertificateNumbers {
  private readonly years = new Map<string, YearAllocations>();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async allocate(
    scheme: SchemeVersion,
    year: number,
    decisionEventId: string,
    meta: CommandMetadata,
  ): Promise<string> {
    const streamId = `$certificate-numbers-${year}`;
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const allocations = await this.read(streamId);
      const existing = allocations.numberOf.get(decisionEventId);
      if (existing) return existing;
      const sequence = allocations.count + 1;
      const allocation: Allocation = {
        number: formatCertificateNumber(scheme, year, sequence),
        sequence,
        year,
        decisionEventId,
      };
      try {
        await this.store.append(
          streamId,
          [
            {
              id: uuidv5(decisionEventId, NAMESPACE),
              type: 'CertificateNumberAllocated',
              data: allocation,
              metadata: {
                actor: meta.actor,
                occurredAt: this.clock.now().toISOString(),
                correlationId: meta.correlationId,
                causationId: decisionEventId,
                schemeVersion: scheme.id,
              },
            },
          ],
          allocations.count === 0 ? 'no_stream' : allocations.count - 1,
        );
        allocations.numberOf.set(decisionEventId, allocation.number);
        allocations.count = Math.max(allocations.count, sequence);
        return allocation.number;
      } catch (error) {
        if (!(error instanceof WrongExpectedVersionError)) throw error;
      }
    }
    throw new Error(`Could not allocate a certificate number for ${year} after ${MAX_ATTEMPTS} attempts`);
  }

  /** The number the next allocation of the year would take (for checking a grant before it is stored). */
  async next(scheme: SchemeVersion, year: number): Promise<string> {
    return formatCertificateNumber(scheme, year, (await this.read(`$certificate-numbers-${year}`)).count + 1);
  }

  /** The year's allocations, reading only those after what this process has read already. */
  private async read(streamId: string): Promise<YearAllocations> {
    let known = this.years.get(streamId);
    if (!known) {
      known = { numberOf: new Map(), count: 0 };
      this.years.set(streamId, known);
    }
    let added: RecordedEvent<Allocation>[];
    try {
      added = (await this.store.readStream(streamId, {
        fromRevision: known.count,
      })) as unknown as RecordedEvent<Allocation>[];
    } catch (error) {
      if (error instanceof StreamNotFoundError) return known;
      throw error;
    }
    for (const allocation of added)
      known.numberOf.set(allocation.data.decisionEventId, allocation.data.number);
    // Reads of one process may overlap: the count is the stream's, not a sum of what each read added.
    if (added.length > 0) known.count = Math.max(known.count, added[added.length - 1].streamRevision + 1);
    return known;
  }
}
