import {
  addMonths,
  applicationDecider,
  auditDecider,
  certificateDecider,
  type Command,
  type Decider,
  type DomainEvent,
  type SchemeCatalogue,
} from '@app/domain';
import type { Deadline, DeadlinesDocument, TimerAction } from '@app/read-models';

/** The SYSTEM command a passed deadline issues, on the stream of the deadline's document. */
export interface TimerFiring {
  decider: Decider<Command, DomainEvent, unknown>;
  command: Pick<Command, 'type' | 'data'>;
}

const as = <C extends Command, E extends DomainEvent, S>(decider: Decider<C, E, S>) =>
  decider as unknown as Decider<Command, DomainEvent, unknown>;

/**
 * What each timer action asks of the domain (R-TIME-1, 3–6). The deciders check again that the deadline has
 * passed and still applies, so a firing computed from a stale read model is refused, never wrongly applied.
 */
export const timerFiring = (
  action: TimerAction,
  deadline: Deadline,
  doc: DeadlinesDocument,
  today: string,
  schemes: SchemeCatalogue,
): TimerFiring => {
  switch (action) {
    case 'RECORD_ACCEPTANCE_BREACH':
      return {
        decider: as(applicationDecider),
        command: {
          type: 'RecordAcceptanceSlaBreach',
          data: {
            clockStartedAt: deadline.clock?.startedAt,
            deadline: deadline.dueOn,
            workingDays: deadline.clock?.workingDays,
          },
        },
      };
    case 'RECORD_DECISION_NOTICE_BREACH':
      return {
        decider: as(auditDecider),
        command: {
          type: 'RecordDecisionNoticeSlaBreach',
          data: {
            decisionDate: deadline.clock?.startedAt,
            deadline: deadline.dueOn,
            workingDays: deadline.clock?.workingDays,
          },
        },
      };
    case 'REFUSE_EXPIRED_CONDITIONAL_GRANT':
      return { decider: as(auditDecider), command: { type: 'RefuseExpiredConditionalGrant', data: {} } };
    case 'SUSPEND_FOR_OVERDUE_SURVEILLANCE': {
      const months = schemes.get(doc.schemeVersion).maxSuspensionMonths;
      return {
        decider: as(certificateDecider),
        command: {
          type: 'SuspendCertificate',
          data: {
            ground: 'SURVEILLANCE_OVERDUE',
            reason: `surveillance due on ${deadline.dueOn} was not decided (R-TIME-3)`,
            correctionsRequired: ['undergo the overdue surveillance audit and have it decided'],
            deadline: addMonths(today, months),
          },
        },
      };
    }
    case 'OPEN_REVOCATION_FOR_EXPIRED_SUSPENSION':
      return {
        decider: as(certificateDecider),
        command: {
          type: 'OpenRevocation',
          data: {
            ground: 'SUSPENSION_EXPIRED',
            investigation: {
              findings: `suspension deadline ${deadline.dueOn} passed without reinstatement (R-TIME-4)`,
            },
          },
        },
      };
    case 'CANCEL_EXPIRED_CERTIFICATE':
      return {
        decider: as(certificateDecider),
        command: {
          type: 'CancelCertificate',
          data: {
            ground: 'EXPIRED',
            reason: `expired on ${deadline.dueOn} without a renewal decision (R-TIME-5)`,
          },
        },
      };
  }
};
