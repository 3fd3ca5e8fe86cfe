import type { Decider } from '../shared/decider';
import type { AuditCommand } from './commands';
import { decide } from './decide';
import type { AuditEvent } from './events';
import { evolve } from './evolve';
import { initialAuditState } from './state';
import type { AuditState } from './state';

/** The audit (审核) of one certification file: plan, team, findings, report, technical review, decision, notice. */
export const auditDecider: Decider<AuditCommand, AuditEvent, AuditState> = {
  initialState: initialAuditState,
  evolve,
  decide,
};

/** Stream name of an audit: `audit-<uuid>`. */
export const auditStreamName = (auditId: string): string => `audit-${auditId}`;
