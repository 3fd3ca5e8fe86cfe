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

/**
 * Certificate numbers (R-CERT-1): sequential per year, unique under concurrency. Each year has a helper stream
 * whose revision is the sequence; an allocation is appended with the expected revision, so two concurrent grants
 * can never take the same number. An allocation is keyed by the decision it serves, so retrying a decision's
 * consequences reuses its number instead of leaving a gap.
 */
@Injectable()
export class CertificateNumbers {
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
      const existing = allocations.find((a) => a.data.decisionEventId === decisionEventId);
      if (existing) return existing.data.number;
      const sequence = allocations.length + 1;
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
          allocations.length === 0 ? 'no_stream' : allocations.length - 1,
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
    return formatCertificateNumber(
      scheme,
      year,
      (await this.read(`$certificate-numbers-${year}`)).length + 1,
    );
  }

  private async read(streamId: string): Promise<RecordedEvent<Allocation>[]> {
    try {
      return (await this.store.readStream(streamId)) as unknown as RecordedEvent<Allocation>[];
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
  }
}
