import type { ReadDocument } from '../../projection';

/**
 * The clocks of the rule (domain-rules §5), one slot per kind on the document of the aggregate they run on.
 * The API names kinds in kebab-case; documents keep each in a camelCase field (`decision-notice` →
 * `decisionNotice`) so the field can be queried and indexed as a plain path.
 */
export const DEADLINE_FIELDS = {
  acceptance: 'acceptance',
  'decision-notice': 'decisionNotice',
  nonconformity: 'nonconformity',
  'conditional-grant': 'conditionalGrant',
  surveillance: 'surveillance',
  'recertification-window': 'recertificationWindow',
  suspension: 'suspension',
  'revocation-appeal': 'revocationAppeal',
  expiry: 'expiry',
} as const;

export type DeadlineKind = keyof typeof DEADLINE_FIELDS;
export type DeadlineField = (typeof DEADLINE_FIELDS)[DeadlineKind];
export const DEADLINE_KINDS = Object.keys(DEADLINE_FIELDS) as DeadlineKind[];
/** The document fields of the slots, in the order of DEADLINE_KINDS. */
export const DEADLINE_SLOT_FIELDS: readonly DeadlineField[] = Object.values(DEADLINE_FIELDS);

/** What the timers do once a deadline has passed, i.e. on the day after `dueOn` (R-TIME-1, 3–6). */
export const TIMER_ACTIONS = [
  'RECORD_ACCEPTANCE_BREACH',
  'RECORD_DECISION_NOTICE_BREACH',
  'REFUSE_EXPIRED_CONDITIONAL_GRANT',
  'SUSPEND_FOR_OVERDUE_SURVEILLANCE',
  'OPEN_REVOCATION_FOR_EXPIRED_SUSPENSION',
  'CANCEL_EXPIRED_CERTIFICATE',
] as const;
export type TimerAction = (typeof TIMER_ACTIONS)[number];

/** A working-day clock (R-APP-4, R-AUD-8): what the SLA breach records. */
export interface WorkingDayClock {
  /** When the clock started, as the aggregate records it: the submission or supplement instant, the decision date. */
  startedAt: string;
  workingDays: number;
}

export interface Deadline {
  kind: DeadlineKind;
  /** The rule that sets the deadline (R-APP-4, R-CERT-5 …). */
  ruleId: string;
  /** The rule a timer enforces once it passed (R-TIME-…); null when the deadline is only listed. */
  timerRuleId: string | null;
  /** The date the clock started from. */
  startedOn: string;
  /**
   * The last day on time (ISO date, China calendar). For `recertification-window` the day the window opens.
   * A deadline is overdue from the day after.
   */
  dueOn: string;
  /** True when working days beyond the calendar data were counted Monday–Friday. */
  estimated: boolean;
  /** The arithmetic behind `dueOn`, in words. */
  basis: string;
  /** What the timer does on the day after `dueOn`; null once done, or when nothing is automatic. */
  action: TimerAction | null;
  /**
   * Revision of the aggregate's stream at which `action` was (re-)armed: a deadline that passes again after the
   * state moved away and back (overdue surveillance after a reinstatement) is a new firing, not a repeat.
   */
  armedAt?: number;
  clock?: WorkingDayClock;
  /** The nonconformity of a `nonconformity` deadline (the one due first). */
  nonconformityId?: string;
  /** For SLA deadlines: the day the breach was recorded (R-TIME-1). */
  breachRecordedOn?: string;
}

export type DeadlineSlots = { [F in DeadlineField]?: Deadline | null };

/** The clocks running on one aggregate: the `deadlines` read model, one document per stream. */
export interface DeadlinesDocument extends ReadDocument, DeadlineSlots {
  aggregate: 'application' | 'audit' | 'certificate';
  /** Application id, audit id or certificate number. */
  subject: string;
  /** Who it concerns: the organisation, or the certificate number an audit is about. */
  label: string;
  schemeVersion: string;
  /** SLA breaches recorded on this file so far (R-TIME-1), kept when the clock stops. */
  slaBreaches?: number;
  /**
   * The earliest due date among the slots that arm a timer (null when none): indexed, so the timers find the
   * files with a passed armed deadline without reading every slot of every file.
   */
  armedDueOn?: string | null;
}
