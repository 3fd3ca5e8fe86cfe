import type { EventWithoutMetadata } from './event-store.port';

/** Turns the data of schema version N of an event type into version N + 1. Pure; never mutate the input. */
export type Upcaster = (data: Record<string, unknown>) => Record<string, unknown>;

/**
 * Upcasters applied on read so consumers always see the latest schema of an event type; the stored bytes
 * (and so the hash chain) never change. Register one step per version: (type, 1) → 2, (type, 2) → 3, …
 */
export class UpcasterRegistry {
  private readonly steps = new Map<string, Upcaster>();

  register(type: string, fromSchemaVersion: number, upcast: Upcaster): this {
    const key = UpcasterRegistry.key(type, fromSchemaVersion);
    if (this.steps.has(key)) throw new Error(`Upcaster already registered for ${type} v${fromSchemaVersion}`);
    this.steps.set(key, upcast);
    return this;
  }

  get isEmpty(): boolean {
    return this.steps.size === 0;
  }

  /** The latest shape of `data`, following the registered steps from `schemaVersion`. */
  upcastData(
    type: string,
    schemaVersion: number,
    data: Record<string, unknown>,
  ): { schemaVersion: number; data: Record<string, unknown> } {
    let version = schemaVersion;
    let current = data;
    for (let step = this.steps.get(UpcasterRegistry.key(type, version)); step;) {
      current = step(current);
      version += 1;
      step = this.steps.get(UpcasterRegistry.key(type, version));
    }
    return { schemaVersion: version, data: current };
  }

  /** A copy of the event in its latest schema; metadata (hashes included) stays as stored. */
  upcast<E extends EventWithoutMetadata>(event: E): E {
    if (this.isEmpty) return event;
    const { schemaVersion, data } = this.upcastData(event.type, event.schemaVersion, event.data);
    return schemaVersion === event.schemaVersion ? event : { ...event, schemaVersion, data };
  }

  private static key(type: string, version: number): string {
    return `${type}\u0000${version}`;
  }
}
