import type { Actor } from './roles';
import type { SchemeCatalogue } from '../scheme/scheme-catalogue';

/** What every command brings with it: the acting user, the time and the scheme versions. Never read from globals. */
export interface CommandContext {
  actor: Actor;
  /** ISO-8601 instant at which the command is handled. */
  now: string;
  schemes: SchemeCatalogue;
}

export interface Command<Type extends string = string, Data = unknown> {
  type: Type;
  data: Data;
  context: CommandContext;
}

/** Domain events are plain JSON: a stable type literal and a data object. */
export interface DomainEvent<Type extends string = string, Data extends object = object> {
  type: Type;
  data: Data;
}

/** An aggregate as three pure functions. `decide` throws DomainError to refuse. */
export interface Decider<C extends Command, E extends DomainEvent, S> {
  initialState: S;
  evolve: (state: S, event: E) => S;
  decide: (command: C, state: S) => E[];
}

export const fold = <E, S>(evolve: (state: S, event: E) => S, initialState: S, events: readonly E[]): S =>
  events.reduce(evolve, initialState);

/** Compile-time exhaustiveness check for discriminated unions. */
export const assertNever = (value: never): never => {
  throw new Error(`Unhandled variant: ${JSON.stringify(value)}`);
};
