import { randomUUID } from 'node:crypto';
import type { EventStore, RecordedEvent } from '@app/event-store';
import type { OutboundMessage } from '../../kafka/status-event-publisher.port';
import type { RelayLogger, StatusMessageMapper, StatusRelay } from '../status-relay';
import type { RelayState } from '../relay-status';

export const quietLogger: RelayLogger = {
  log: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

const metadata = () => ({
  actor: { id: 'user-registry', role: 'REGISTRY_OFFICER' },
  occurredAt: '2026-03-01T02:00:00.000Z',
  correlationId: randomUUID(),
  causationId: null,
  schemeVersion: 'V1.0',
});

/** Appends a minimal certificate story: issued (holder name), then `changes` name changes. */
export const appendStory = async (
  store: EventStore,
  number: string,
  holder: string,
  renames: string[] = [],
): Promise<void> => {
  await store.append(
    `certificate-${number}`,
    [
      {
        id: randomUUID(),
        type: 'CertificateIssued',
        data: { number, holder: { name: holder } },
        metadata: metadata(),
      },
      ...renames.map((after, i) => ({
        id: randomUUID(),
        type: 'CertificateChanged',
        data: { field: 'NAME', before: i === 0 ? holder : renames[i - 1], after, reason: 'rename' },
        metadata: metadata(),
      })),
    ],
    'any',
  );
};

/** A mapper independent of the contract: key = number, the event id and type in headers, holder in the body. */
export const testMapper: StatusMessageMapper = (event: RecordedEvent, { holderName }) => ({
  key: event.streamId.slice('certificate-'.length),
  value: JSON.stringify({ type: event.type, holderName, revision: event.streamRevision }),
  headers: { ce_id: event.id, ce_type: event.type },
});

export const waitUntil = async (
  check: () => boolean | Promise<boolean>,
  timeoutMs = 10_000,
): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

export const waitForState = (relay: StatusRelay, state: RelayState, timeoutMs?: number) =>
  waitUntil(async () => (await relay.status()).state === state, timeoutMs);

export const bodyOf = (
  message: OutboundMessage,
): { type: string; holderName: string | null; revision: number } =>
  JSON.parse(message.value) as { type: string; holderName: string | null; revision: number };
