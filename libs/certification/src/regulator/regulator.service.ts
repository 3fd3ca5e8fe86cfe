import { Inject, Injectable } from '@nestjs/common';
import { v4 as uuidv4 } from 'uuid';
import { certificateStreamName } from '@app/domain';
import { EVENT_STORE, newEventId, type EventActor, type EventStore } from '@app/event-store';
import { CLOCK, type Clock } from '../clock';
import {
  loadCertificateFile,
  type CertificateFile,
  type LoadOptions,
  type LoadProgress,
} from './certificate-file';
import { buildExportBundle, type ExportBundle } from './export-bundle';
import { historyPage, type HistoryPage, type HistoryQuery } from './history';
import { stateAt, type PointInTimeState } from './point-in-time';
import { REGULATOR_SIGNING_KEY, SIGNING_ALGORITHM, type RegulatorSigningKey } from './signing-key';
import { buildTimeline, type CertificateTimeline } from './timeline';
import { readVerifiedFile, verifiedReplay, type VerifiedFile, type VerifiedReplay } from './verified-replay';
import { verifyCertificateFile, type VerificationReport } from './verification';

/**
 * Helper stream of the regulators' reads: tamper-evident like every stream, and invisible to projections and
 * the relay, which never read `$` streams.
 */
/**
 * Where the reads of one certificate's file are recorded (who, when, what was asked): a stream per certificate, so
 * "who looked at N" is one stream read, and no single stream grows with every read of every file.
 */
export const regulatorReadsStreamName = (certificateNumber: string): string =>
  `regulator-reads-${certificateNumber}`;
export const REGULATOR_READ_EVENT = 'RegulatorRead';

/** Who read what: the actor is in the envelope, with the time and the request's correlation id. */
export interface RegulatorRead {
  certificateNumber: string;
  /** `history`, `state`, `replay`, `timeline`, `verification`, `export`, or `cli:replay`. */
  endpoint: string;
  query: Record<string, unknown>;
}

/**
 * The regulators' view of a certificate (监管): its whole file replayed from the event store — history, state at
 * any moment, status timeline, hash-chain verification — and the record of every such read.
 */
@Injectable()
export class RegulatorService {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** The clock's time, ISO (the manual clock in tests and demonstrations). */
  now(): string {
    return this.clock.now().toISOString();
  }

  /** The certificate's file; StreamNotFoundError (404) for an unknown number. */
  load(number: string, options?: LoadOptions): Promise<CertificateFile> {
    return loadCertificateFile(this.store, number, options);
  }

  async history(number: string, query: HistoryQuery = {}): Promise<HistoryPage> {
    return historyPage(await this.load(number), query);
  }

  async stateAt(number: string, at: string): Promise<PointInTimeState> {
    return stateAt(await this.load(number), at);
  }

  async timeline(number: string): Promise<CertificateTimeline> {
    return buildTimeline(number, await this.store.readStream(certificateStreamName(number)));
  }

  verify(number: string): Promise<VerificationReport> {
    return verifyCertificateFile(this.store, number, this.now());
  }

  /** The file read once: its chains verified, and the same events upcast (null when one does not decode). */
  readVerified(number: string, options: { onProgress?: LoadProgress } = {}): Promise<VerifiedFile> {
    return readVerifiedFile(this.store, number, this.now(), options.onProgress);
  }

  /** The state at `at` and the verification of the events it was folded from, from one read of the file. */
  replay(number: string, at: string): Promise<VerifiedReplay> {
    return verifiedReplay(this.store, number, at, this.now());
  }

  /** Appends the read to the certificate's `regulator-reads-<number>` before the answer is given: no unrecorded read. */
  async recordRead(actor: EventActor, read: RegulatorRead, correlationId: string = uuidv4()): Promise<void> {
    await this.store.append(
      regulatorReadsStreamName(read.certificateNumber),
      [
        {
          id: newEventId(),
          type: REGULATOR_READ_EVENT,
          data: { certificateNumber: read.certificateNumber, endpoint: read.endpoint, query: read.query },
          metadata: {
            actor: { id: actor.id, role: actor.role },
            occurredAt: this.clock.now().toISOString(),
            correlationId,
            causationId: null,
            schemeVersion: null,
          },
        },
      ],
      'any',
    );
  }
}

/** The public half of the export signing key, as served to regulators. */
export interface SigningKeyView {
  algorithm: typeof SIGNING_ALGORITHM;
  keyId: string;
  publicKeyPem: string;
}

/** Signed, self-contained exports of a certificate's file (stored bytes, verifiable offline). */
@Injectable()
export class RegulatorExports {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(REGULATOR_SIGNING_KEY) private readonly key: RegulatorSigningKey,
  ) {}

  signingKey(): SigningKeyView {
    return { algorithm: this.key.algorithm, keyId: this.key.keyId, publicKeyPem: this.key.publicKeyPem };
  }

  async export(number: string, exportedBy: EventActor): Promise<ExportBundle> {
    const file = await loadCertificateFile(this.store, number, { raw: true });
    return buildExportBundle(file, { exportedAt: this.clock.now().toISOString(), exportedBy }, this.key);
  }
}
