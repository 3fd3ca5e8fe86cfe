import { Inject, Injectable } from '@nestjs/common';
import { v5 as uuidv5 } from 'uuid';
import { formatCertificateNumber, type SchemeVersion } from '@app/domain';
import {
  comparePositions,
  EVENT_STORE,
  StreamNotFoundError,
  WrongExpectedVersionError,
  type EventStore,
  type Position,
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

/** The year's allocations this process needs: how many there are, and the number a decision took if it took one. */
interface YearAllocations {
  count: number;
  existing: string | null;
}

/** Allocations read at a time, newest first, while looking for a decision's. */
const PAGE = 100;

/**
 * Certificate numbers (R-CERT-1): sequential per year, unique under concurrency. Each year has a helper stream
 * whose revision is the sequence; an allocation is appended with the expected revision, so two concurrent grants
 * can never take the same number. An allocation is keyed by the decision it serves, so retrying a decision's
 * consequences reuses its number instead of leaving a gap. Only the stream's end is read: an allocation for a
 * decision is appended after the decision, so the allocations stored before it need not be read (a year of 100k
 * certificates, read whole, took about a second of the API thread and more memory than its heap allows).
 */
@Injectable()
export class CertificateNumbers {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** `decision`: the stored decision event the number is for (its id keys the allocation). */
  async allocate(
    scheme: SchemeVersion,
    year: number,
    decision: { id: string; globalPosition: Position },
    meta: CommandMetadata,
  ): Promise<string> {
    const streamId = `$certificate-numbers-${year}`;
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const allocations = await this.read(streamId, decision);
      if (allocations.existing) return allocations.existing;
      const sequence = allocations.count + 1;
      const allocation: Allocation = {
        number: formatCertificateNumber(scheme, year, sequence),
        sequence,
        year,
        decisionEventId: decision.id,
      };
      try {
        await this.store.append(
          streamId,
          [
            {
              id: uuidv5(decision.id, NAMESPACE),
              type: 'CertificateNumberAllocated',
              data: allocation,
              metadata: {
                actor: meta.actor,
                occurredAt: this.clock.now().toISOString(),
                correlationId: meta.correlationId,
                causationId: decision.id,
                schemeVersion: scheme.id,
              },
            },
          ],
          allocations.count === 0 ? 'no_stream' : allocations.count - 1,
        );
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

  /**
   * How many allocations the year has (the last one's revision + 1) and, for a decision, the number it took: read
   * newest first, stopping at the first allocation stored before the decision.
   */
  private async read(
    streamId: string,
    decision?: { id: string; globalPosition: Position },
  ): Promise<YearAllocations> {
    let fromRevision: number | undefined;
    let count: number | undefined;
    for (;;) {
      let page: RecordedEvent<Allocation>[];
      try {
        page = (await this.store.readStream(streamId, {
          direction: 'backwards',
          fromRevision,
          maxCount: decision ? PAGE : 1,
        })) as unknown as RecordedEvent<Allocation>[];
      } catch (error) {
        if (error instanceof StreamNotFoundError) return { count: 0, existing: null };
        throw error;
      }
      if (page.length === 0) return { count: count ?? 0, existing: null };
      count ??= page[0].streamRevision + 1;
      if (!decision) return { count, existing: null };
      for (const allocation of page) {
        if (allocation.data.decisionEventId === decision.id)
          return { count, existing: allocation.data.number };
        if (comparePositions(allocation.globalPosition, decision.globalPosition) < 0) {
          return { count, existing: null };
        }
      }
      const oldest = page[page.length - 1].streamRevision;
      if (oldest === 0) return { count, existing: null };
      fromRevision = oldest - 1;
    }
  }
}
