import { DomainError, fold } from '@app/domain';
import type { Command, Decider, DomainEvent, RefusalCode } from '@app/domain';

/**
 * Given/when/then for deciders:
 *
 *   spec(certificateDecider).given([issued]).when(suspend).then([suspended]);
 *   spec(certificateDecider).given([issued]).when(reinstate).thenRefusedWith('R-CERT-6');
 */
export const spec = <C extends Command, E extends DomainEvent, S>(decider: Decider<C, E, S>) => ({
  given: (history: E[]) => ({
    when: (command: C) => {
      const run = (): E[] => decider.decide(command, fold(decider.evolve, decider.initialState, history));
      return {
        /** Asserts the exact events decided; returns the state after them for further checks. */
        then: (expected: E[]): S => {
          const events = run();
          expect(events).toEqual(expected);
          return fold(decider.evolve, decider.initialState, [...history, ...events]);
        },
        /** Asserts the events decided satisfy a predicate-style check; returns them. */
        thenEvents: (check: (events: E[], state: S) => void): E[] => {
          const events = run();
          check(events, fold(decider.evolve, decider.initialState, [...history, ...events]));
          return events;
        },
        thenRefusedWith: (code: RefusalCode, detail?: Record<string, unknown>): DomainError => {
          let refusal: unknown;
          try {
            run();
          } catch (error) {
            refusal = error;
          }
          expect(refusal).toBeInstanceOf(DomainError);
          expect((refusal as DomainError).code).toBe(code);
          if (detail) expect((refusal as DomainError).details).toMatchObject(detail);
          return refusal as DomainError;
        },
      };
    },
  }),
});
