import { randomUUID } from 'node:crypto';
import { StreamNotFoundError } from '../errors';
import type { EventStore } from '../event-store.port';
import { parsePosition, serializePosition } from '../position';
import type { Position } from '../position';
import type { Checkpoint, CheckpointStore } from './checkpoint-store.port';

export const CHECKPOINT_EVENT_TYPE = 'CheckpointStored';

/**
 * A checkpoint kept as the last event of one stream per consumer; the stream revision is the CAS token.
 * Works over any EventStore adapter; adapters differ only in the stream name (helper streams must stay out
 * of projections' reads) and in capping the stream.
 */
export class StreamCheckpointStore implements CheckpointStore {
  constructor(
    protected readonly store: EventStore,
    private readonly streamOf: (name: string) => string,
  ) {}

  async load(name: string): Promise<Checkpoint | null> {
    try {
      const [last] = await this.store.readStream(this.streamOf(name), {
        direction: 'backwards',
        maxCount: 1,
        raw: true,
      });
      if (!last) return null;
      return { position: parsePosition(String(last.data.position)), revision: last.streamRevision };
    } catch (error) {
      if (error instanceof StreamNotFoundError) return null;
      throw error;
    }
  }

  async save(name: string, position: Position, expectedRevision: number | null): Promise<number> {
    const result = await this.store.append(
      this.streamOf(name),
      [
        {
          id: randomUUID(),
          type: CHECKPOINT_EVENT_TYPE,
          data: { name, position: serializePosition(position) },
          metadata: {
            actor: { id: 'checkpoint-store', role: 'SYSTEM' },
            occurredAt: new Date().toISOString(),
            correlationId: randomUUID(),
            causationId: null,
            schemeVersion: null,
          },
        },
      ],
      expectedRevision === null ? 'no_stream' : expectedRevision,
    );
    return result.nextExpectedRevision;
  }
}
