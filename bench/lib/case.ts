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
  run(context: BenchContext): Promise<CaseOutcome>;
}
