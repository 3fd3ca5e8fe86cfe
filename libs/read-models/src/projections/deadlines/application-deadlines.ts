import type { ApplicationEvent, SchemeCatalogue } from '@app/domain';
import type { DeadlineField, DeadlinesDocument } from './deadline';
import { breachRecorded, workingDayDeadline } from './working-day-deadline';

export const APPLICATION_DEADLINE_EVENTS = [
  'ApplicationSubmitted',
  'SupplementRequested',
  'SupplementProvided',
  'ApplicationAccepted',
  'ApplicationRejected',
  'ApplicationWithdrawn',
  'AcceptanceSlaBreached',
] as const satisfies readonly ApplicationEvent['type'][];

/** The slots an application's document can fill. */
export const APPLICATION_DEADLINE_SLOTS: readonly DeadlineField[] = ['acceptance'];

/**
 * R-APP-4 / R-TIME-1: the acceptance review is due within `acceptanceWorkingDays` of submission; a supplement
 * request answers in time and stops the clock, providing the supplement restarts it; acceptance, rejection or
 * withdrawal end it.
 */
export const evolveApplicationDeadlines = (
  doc: DeadlinesDocument | null,
  event: ApplicationEvent,
  streamId: string,
  schemes: SchemeCatalogue,
): DeadlinesDocument | null => {
  const acceptanceFrom = (schemeVersion: string, startedAt: string) =>
    workingDayDeadline(
      'acceptance',
      'R-APP-4',
      startedAt,
      schemes.get(schemeVersion).acceptanceWorkingDays,
      'RECORD_ACCEPTANCE_BREACH',
    );
  if (event.type === 'ApplicationSubmitted') {
    const d = event.data;
    return {
      id: streamId,
      aggregate: 'application',
      subject: d.applicationId,
      label: d.annexA.organisation.name,
      schemeVersion: d.schemeVersion,
      acceptance: acceptanceFrom(d.schemeVersion, d.submittedAt),
    };
  }
  if (!doc) return null;
  switch (event.type) {
    case 'SupplementProvided':
      return { ...doc, acceptance: acceptanceFrom(doc.schemeVersion, event.data.acceptanceClockStartedAt) };
    case 'AcceptanceSlaBreached':
      return {
        ...doc,
        acceptance: breachRecorded(doc.acceptance, event.data.recordedOn),
        slaBreaches: (doc.slaBreaches ?? 0) + 1,
      };
    case 'SupplementRequested':
    case 'ApplicationAccepted':
    case 'ApplicationRejected':
    case 'ApplicationWithdrawn':
      return { ...doc, acceptance: null };
    default:
      return doc;
  }
};
