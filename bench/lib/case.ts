import type { BenchContext } from './context';
import type { Metric } from './report';

export interface CaseOutcome {
  metrics: Metric[];
  notes?: string[];
  details?: Record<string, unknown>;
}

/** A case that cannot run here (no broker, a peer that does not install): reported as skipped with the reason. */
export class SkipCase extends Error {
  override readonly name = 'SkipCase';
}

export interface BenchCase {
  /** Name on the command line (`npm run bench -- <id>`). */
  id: string;
  /** The case number (also accepted on the command line). */
  number: number;
  title: string;
  /**
   * Whether the case measures code running in the bench's own process (rather than in the API's): `npm run bench`
   * then runs it in a fresh process of its own, so that its figures do not depend on the cases run before it.
   */
  ownProcess?: boolean;
  run(context: BenchContext): Promise<CaseOutcome>;
}
