/** One record for the status topic: key = certificate number, value = JSON body, CloudEvents `ce_*` headers. */
export interface OutboundMessage {
  key: string;
  value: string;
  headers: Record<string, string>;
}

/**
 * Where status events go. `publish` resolves only once the broker acknowledged every message (acks = all);
 * messages of one call keep their order per key.
 */
export interface StatusEventPublisher {
  /** Creates the topic if missing and waits for its partition leaders. */
  ensureTopic(): Promise<void>;
  publish(messages: readonly OutboundMessage[]): Promise<void>;
  close(): Promise<void>;
}

export const STATUS_EVENT_PUBLISHER = Symbol('StatusEventPublisher');
