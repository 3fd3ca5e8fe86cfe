import { addMonths, dateOf } from '../shared/calendar';
import { assertNever, type CommandContext } from '../shared/decider';
import { invalidTransition, refuse, type RuleId } from '../shared/errors';
import type { Role } from '../shared/roles';
import { validateAnnexA } from './annex-a';
import type {
  AcceptApplication,
  ApplicationCommand,
  ProvideSupplement,
  RejectApplication,
  RequestSupplement,
  SubmitApplication,
  WithdrawApplication,
} from './application.commands';
import type { ApplicationEvent } from './application.events';
import type { ApplicationState } from './application.state';
import { recordAcceptanceSlaBreach } from './decide-sla';
import { missingMaterials, validateMaterials } from './materials';

type Started = Exclude<ApplicationState, { status: 'NONE' }>;

/** Applications are handled by intake officers (domain-rules §1); the refusal cites the command's own rule. */
const requireIntakeOfficer = (context: CommandContext, command: string, rule: RuleId): void => {
  const allowed: Role[] = ['INTAKE_OFFICER'];
  if (!allowed.includes(context.actor.role)) {
    refuse(rule, `${command} is done by an intake officer (受理审查员), not ${context.actor.role}`, {
      role: context.actor.role,
    });
  }
};

const submit = ({ data, context }: SubmitApplication, state: ApplicationState): ApplicationEvent[] => {
  if (state.status !== 'NONE') return invalidTransition('SubmitApplication', state.status);
  requireIntakeOfficer(context, 'SubmitApplication', 'R-APP-1');
  const today = dateOf(context.now);
  const scheme = context.schemes.forNewApplication(today, data.schemeVersion);
  const problems = [...validateAnnexA(data.annexA), ...validateMaterials(data.materials)];
  if (problems.length > 0) refuse('R-APP-1', 'the application form is incomplete or invalid', { problems });

  let certificateNumber: string | null = null;
  if (data.kind === 'RECERTIFICATION') {
    // R-CERT-9: recertification may be applied for from N months before expiry, and only for a live certificate.
    const certificate =
      data.certificate ?? refuse('R-CERT-9', 'a recertification application names the certificate to renew');
    const opens = addMonths(certificate.expiryDate, -scheme.recertificationWindowMonths);
    if (today < opens || today > certificate.expiryDate) {
      refuse(
        'R-CERT-9',
        `recertification can be applied for from ${opens} until the expiry date ${certificate.expiryDate}`,
        {
          windowOpens: opens,
          expiryDate: certificate.expiryDate,
        },
      );
    }
    if (certificate.status !== 'VALID' && certificate.status !== 'SUSPENDED') {
      refuse('R-CERT-9', `a ${certificate.status} certificate cannot be recertified`, {
        status: certificate.status,
      });
    }
    certificateNumber = certificate.number;
  }
  return [
    {
      type: 'ApplicationSubmitted',
      data: {
        applicationId: data.applicationId,
        kind: data.kind,
        schemeVersion: scheme.id,
        certificateNumber,
        annexA: data.annexA,
        materials: data.materials,
        submittedAt: context.now,
        submittedBy: context.actor,
      },
    },
  ];
};

const requestSupplement = ({ data, context }: RequestSupplement, state: Started): ApplicationEvent[] => {
  if (state.status !== 'SUBMITTED') return invalidTransition('RequestSupplement', state.status);
  requireIntakeOfficer(context, 'RequestSupplement', 'R-APP-4');
  const items = data.items ?? [];
  if (items.length === 0 || items.some((i) => !i.item?.trim() || !i.description?.trim())) {
    refuse('R-APP-4', 'a supplement notice lists every missing item with a description');
  }
  const names = items.map((i) => i.item);
  if (new Set(names).size !== names.length)
    refuse('R-APP-4', 'an item is listed twice in the notice', { items: names });
  if (state.supplementNotices > 0) {
    // 一次性告知: everything missing is named in the first notice; later notices may only repeat those items.
    const named = new Set(state.supplementItemsNamed.map((i) => i.item));
    const notNamedBefore = names.filter((n) => !named.has(n));
    if (notNamedBefore.length > 0) {
      refuse(
        'R-APP-4',
        'all missing items must be requested in one notice; these were not named in the first',
        {
          items: notNamedBefore,
        },
      );
    }
  }
  return [
    {
      type: 'SupplementRequested',
      data: {
        applicationId: state.applicationId,
        noticeNumber: state.supplementNotices + 1,
        items,
        requestedAt: context.now,
        requestedBy: context.actor,
      },
    },
  ];
};

const provideSupplement = ({ data, context }: ProvideSupplement, state: Started): ApplicationEvent[] => {
  if (state.status !== 'SUPPLEMENT_REQUESTED') return invalidTransition('ProvideSupplement', state.status);
  requireIntakeOfficer(context, 'ProvideSupplement', 'R-APP-4');
  const provided = new Set(data.items ?? []);
  const stillMissing = state.outstandingItems.filter((item) => !provided.has(item));
  if (stillMissing.length > 0)
    refuse('R-APP-4', 'the supplement does not cover every requested item', { items: stillMissing });
  const problems = [
    ...(data.annexA ? validateAnnexA(data.annexA) : []),
    ...validateMaterials(data.materials ?? []),
  ];
  if (problems.length > 0) refuse('R-APP-1', 'the supplement is invalid', { problems });
  return [
    {
      type: 'SupplementProvided',
      data: {
        applicationId: state.applicationId,
        items: [...provided],
        materials: data.materials ?? [],
        annexA: data.annexA ?? null,
        note: data.note ?? null,
        acceptanceClockStartedAt: context.now,
      },
    },
  ];
};

const accept = ({ data, context }: AcceptApplication, state: Started): ApplicationEvent[] => {
  if (state.status !== 'SUBMITTED') return invalidTransition('AcceptApplication', state.status);
  requireIntakeOfficer(context, 'AcceptApplication', 'R-APP-5');
  const missing = missingMaterials(state.materials);
  if (missing.length > 0)
    refuse('R-APP-2', 'materials of §6.1.2 are missing; request a supplement', { missing });

  // R-APP-3 (§6.1.1): every unmet condition is reported at once.
  const scheme = context.schemes.get(state.schemeVersion);
  const today = dateOf(context.now);
  const unmet: string[] = [];
  const operatingSince = state.annexA.managementSystem.operatingSince;
  if (operatingSince > addMonths(today, -scheme.eligibility.minManagementSystemMonths)) {
    unmet.push(
      `management system in operation for less than ${scheme.eligibility.minManagementSystemMonths} months`,
    );
  }
  const violationsSince = addMonths(today, -scheme.eligibility.violationLookbackMonths);
  if (state.annexA.declaration.majorViolations.some((v) => v.date >= violationsSince)) {
    unmet.push(
      `major violation declared within the last ${scheme.eligibility.violationLookbackMonths} months`,
    );
  }
  const sanctionsSince = addMonths(today, -scheme.eligibility.sanctionLookbackMonths);
  const recent = (data.sanctions ?? []).filter((s) => s.ownFault && s.date >= sanctionsSince);
  if (recent.length > 0) {
    unmet.push(
      `certificate ${recent.map((s) => `${s.certificateNumber} ${s.kind.toLowerCase()} on ${s.date}`).join(', ')} within the last ${scheme.eligibility.sanctionLookbackMonths} months`,
    );
  }
  if (data.legalEntityVerified !== true)
    unmet.push('legal entity not verified as existing (依法设立并有效存续)');
  if (unmet.length > 0)
    refuse('R-APP-3', 'the applicant does not meet the application conditions', { unmetConditions: unmet });

  return [
    {
      type: 'ApplicationAccepted',
      data: {
        applicationId: state.applicationId,
        acceptedAt: context.now,
        acceptedBy: context.actor,
        programme: { firstAuditType: state.kind },
        eligibility: { managementSystemOperatingSince: operatingSince, legalEntityVerified: true },
      },
    },
  ];
};

const reject = ({ data, context }: RejectApplication, state: Started): ApplicationEvent[] => {
  if (state.status !== 'SUBMITTED' && state.status !== 'SUPPLEMENT_REQUESTED') {
    return invalidTransition('RejectApplication', state.status);
  }
  requireIntakeOfficer(context, 'RejectApplication', 'R-APP-5');
  const unmet = (data.unmetConditions ?? []).filter((c) => c?.trim());
  if (unmet.length === 0 || !data.reason?.trim())
    refuse('R-APP-5', 'a rejection states the unmet conditions and a reason');
  return [
    {
      type: 'ApplicationRejected',
      data: {
        applicationId: state.applicationId,
        unmetConditions: unmet,
        reason: data.reason,
        rejectedAt: context.now,
        rejectedBy: context.actor,
      },
    },
  ];
};

const withdraw = ({ data, context }: WithdrawApplication, state: Started): ApplicationEvent[] => {
  if (state.status === 'REJECTED' || state.status === 'WITHDRAWN')
    return invalidTransition('WithdrawApplication', state.status);
  requireIntakeOfficer(context, 'WithdrawApplication', 'R-APP-5');
  if (!data.reason?.trim()) refuse('R-ACT-1', 'a withdrawal records the reason');
  return [
    {
      type: 'ApplicationWithdrawn',
      data: {
        applicationId: state.applicationId,
        reason: data.reason,
        withdrawnAt: context.now,
        statusBefore: state.status,
      },
    },
  ];
};

export const decideApplication = (
  command: ApplicationCommand,
  state: ApplicationState,
): ApplicationEvent[] => {
  if (command.type === 'SubmitApplication') return submit(command, state);
  if (state.status === 'NONE') return invalidTransition(command.type, state.status);
  switch (command.type) {
    case 'RequestSupplement':
      return requestSupplement(command, state);
    case 'ProvideSupplement':
      return provideSupplement(command, state);
    case 'AcceptApplication':
      return accept(command, state);
    case 'RejectApplication':
      return reject(command, state);
    case 'WithdrawApplication':
      return withdraw(command, state);
    case 'RecordAcceptanceSlaBreach':
      return recordAcceptanceSlaBreach(command, state);
    default:
      return assertNever(command);
  }
};
