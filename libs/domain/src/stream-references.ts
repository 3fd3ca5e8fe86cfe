import { applicationStreamName } from './application/application.decider';
import type { ApplicationSubmitted } from './application/application.events';
import { auditStreamName } from './audit/audit.decider';
import type { AuditScheduled } from './audit/events';
import type { CertificateEvent } from './certificate/certificate.events';
import { certificateStreamName } from './certificate/certificate.state';

/**
 * Version of the rules below. Event stores index the references when events are appended; bump it whenever
 * the rules change, so that a store derives its index again from the stored events (old and new events agree).
 */
export const STREAM_REFERENCES_VERSION = 1;

/** The certificate events that name the certificate's application or audits (and the field names they use). */
type CertificateReferencing = {
  [
    E in CertificateEvent as keyof E['data'] & ('applicationId' | 'auditId' | 'grant') extends never
      ? never
      : E['type']
  ]: true;
};
const CERTIFICATE_REFERENCING: CertificateReferencing = {
  CertificateIssued: true,
  CertificateSuspended: true,
  RevocationOpened: true,
  SurveillanceRecorded: true,
  CertificateRenewed: true,
};

type Data = Record<string, unknown>;

const recordOf = (value: unknown): Data =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Data) : {};

/** The stream named by an id field, if the field holds a non-empty string. */
const streamOf = (streamName: (id: string) => string, id: unknown): string | null =>
  typeof id === 'string' && id.length > 0 ? streamName(id) : null;

const certificateReferences = (data: Data) => [
  streamOf(applicationStreamName, data.applicationId),
  streamOf(auditStreamName, data.auditId),
  streamOf(auditStreamName, recordOf(data.grant).auditId),
];

/** A renewal application names the certificate it renews. */
const submittedReferences = (data: Data) => [
  streamOf(certificateStreamName, (data as Partial<ApplicationSubmitted['data']>).certificateNumber),
];

/** An audit names its subject: the application it assesses, or the certificate it surveils. */
const scheduledReferences = (data: Data) => {
  const subject = recordOf((data as Partial<AuditScheduled['data']>).subject);
  return [
    subject.kind === 'APPLICATION' ? streamOf(applicationStreamName, subject.applicationId) : null,
    subject.kind === 'CERTIFICATE' ? streamOf(certificateStreamName, subject.certificateNumber) : null,
  ];
};

/** Per event type: the kind of stream it is recorded in, and the streams its data names. */
const RULES: Record<string, { streamPrefix: string; references: (data: Data) => (string | null)[] }> = {
  ...Object.fromEntries(
    Object.keys(CERTIFICATE_REFERENCING).map((type) => [
      type,
      { streamPrefix: certificateStreamName(''), references: certificateReferences },
    ]),
  ),
  ApplicationSubmitted: { streamPrefix: applicationStreamName(''), references: submittedReferences },
  AuditScheduled: { streamPrefix: auditStreamName(''), references: scheduledReferences },
};

/** The only event types that can refer to other streams (for stores that pre-select events by type). */
export const REFERENCING_EVENT_TYPES: readonly string[] = Object.keys(RULES);

/**
 * The streams an event (as stored: raw JSON data) refers to: a certificate's events name its application and its
 * audits (issue and grants, suspensions and revocations for an audit's findings, surveillance records); a
 * renewal's `ApplicationSubmitted` names its certificate; an `AuditScheduled` names its subject. These are the
 * links regulators follow from a certificate to every stream of its file — from the event store itself, never
 * from read models. Pure; malformed data refers to nothing.
 */
export const streamReferencesOf = (streamId: string, type: string, data: unknown): string[] => {
  const rule = Object.hasOwn(RULES, type) ? RULES[type] : undefined;
  if (!rule || !streamId.startsWith(rule.streamPrefix)) return [];
  return [...new Set(rule.references(recordOf(data)).filter((id): id is string => id !== null))];
};
