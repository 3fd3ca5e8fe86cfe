import { v5 as uuidv5, v7 as uuidv7 } from 'uuid';
import type { CommandMetadata } from './command-metadata';

/** Namespace of ids derived from an Idempotency-Key. Never change it. */
const NAMESPACE = '3c9a7f1e-2b4d-4e6f-8a0b-1c2d3e4f5a6b';

/**
 * A new aggregate or entity id: time-ordered (UUID version 7, as event ids: new streams and the read models' documents
 * keyed by them land at the end of their indexes), or derived from the request's Idempotency-Key so a repeated
 * request addresses the same stream and gets the same answer.
 */
export const newId = (meta: CommandMetadata, purpose: string): string =>
  meta.idempotencyKey ? uuidv5(`${meta.idempotencyKey}\u0000${purpose}`, NAMESPACE) : uuidv7();
