/** Rule ids of domain-rules.md §1–§6 and §8 that the deciders enforce (§5: the timers run by SYSTEM). */
export type RuleId =
  | 'R-IND-1'
  | 'R-IND-2'
  | 'R-IND-3'
  | 'R-ACT-1'
  | 'R-APP-1'
  | 'R-APP-2'
  | 'R-APP-3'
  | 'R-APP-4'
  | 'R-APP-5'
  | 'R-AUD-1'
  | 'R-AUD-2'
  | 'R-AUD-3'
  | 'R-AUD-4'
  | 'R-AUD-5'
  | 'R-AUD-6'
  | 'R-AUD-7'
  | 'R-AUD-8'
  | 'R-AUD-9'
  | 'R-CERT-1'
  | 'R-CERT-2'
  | 'R-CERT-3'
  | 'R-CERT-4'
  | 'R-CERT-5'
  | 'R-CERT-6'
  | 'R-CERT-7'
  | 'R-CERT-8'
  | 'R-CERT-9'
  | 'R-TIME-1'
  | 'R-TIME-2'
  | 'R-TIME-3'
  | 'R-TIME-4'
  | 'R-TIME-5'
  | 'R-TIME-6'
  | 'R-TIME-7'
  | 'R-SCORE-1'
  | 'R-SCORE-2'
  | 'R-SCORE-3'
  | 'R-SCORE-4'
  | 'R-SCORE-5'
  | 'R-SCORE-6'
  | 'R-SCORE-7'
  | 'R-SCHEME-1';

/** `INVALID_TRANSITION`: the command does not apply to the aggregate's current state. */
export type RefusalCode = RuleId | 'INVALID_TRANSITION';

/** A command refused by the domain. `code` is stable: the rule id, or INVALID_TRANSITION. */
export class DomainError extends Error {
  override readonly name = 'DomainError';
  constructor(
    readonly code: RefusalCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(`${code}: ${message}`);
  }
}

export const refuse = (code: RefusalCode, message: string, details?: Record<string, unknown>): never => {
  throw new DomainError(code, message, details);
};

export const invalidTransition = (command: string, state: string): never =>
  refuse('INVALID_TRANSITION', `${command} is not allowed in state ${state}`, { command, state });
