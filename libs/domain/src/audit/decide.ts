import { assertNever } from '../shared/decider';
import type { AuditCommand } from './commands';
import { decideCertification, recordDecisionNotice, refuseExpiredConditionalGrant } from './decide-decision';
import {
  acceptNonconformityResponse,
  raiseNonconformity,
  recordObservation,
  recordScores,
  rejectNonconformityResponse,
  respondToNonconformity,
  verifyNonconformity,
} from './decide-findings';
import { assignAuditTeam, cancelAudit, scheduleAudit, startAudit } from './decide-planning';
import { recordDecisionNoticeSlaBreach } from './decide-sla';
import { completeAuditReport, completeTechnicalReview, startTechnicalReview } from './decide-review';
import type { AuditEvent } from './events';
import type { AuditState } from './state';

export const decide = (command: AuditCommand, state: AuditState): AuditEvent[] => {
  switch (command.type) {
    case 'ScheduleAudit':
      return scheduleAudit(command, state);
    case 'AssignAuditTeam':
      return assignAuditTeam(command, state);
    case 'StartAudit':
      return startAudit(command, state);
    case 'RaiseNonconformity':
      return raiseNonconformity(command, state);
    case 'RecordObservation':
      return recordObservation(command, state);
    case 'RecordScores':
      return recordScores(command, state);
    case 'RespondToNonconformity':
      return respondToNonconformity(command, state);
    case 'AcceptNonconformityResponse':
      return acceptNonconformityResponse(command, state);
    case 'RejectNonconformityResponse':
      return rejectNonconformityResponse(command, state);
    case 'VerifyNonconformity':
      return verifyNonconformity(command, state);
    case 'CompleteAuditReport':
      return completeAuditReport(command, state);
    case 'StartTechnicalReview':
      return startTechnicalReview(command, state);
    case 'CompleteTechnicalReview':
      return completeTechnicalReview(command, state);
    case 'DecideCertification':
      return decideCertification(command, state);
    case 'RefuseExpiredConditionalGrant':
      return refuseExpiredConditionalGrant(command, state);
    case 'RecordDecisionNotice':
      return recordDecisionNotice(command, state);
    case 'RecordDecisionNoticeSlaBreach':
      return recordDecisionNoticeSlaBreach(command, state);
    case 'CancelAudit':
      return cancelAudit(command, state);
    default:
      return assertNever(command);
  }
};
