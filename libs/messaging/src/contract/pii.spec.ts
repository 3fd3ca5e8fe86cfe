import type { RecordedEvent } from '@app/event-store';
import { actors } from '@app/testing';
import { cancelStory, fullStory, organisation } from './contract-story.fixtures';
import { toKafkaMessage } from './kafka-message';
import { toStatusEvent } from './status-event.mapping';
import type { CertificateStatusEvent } from './status-event.types';

/** Personal data, approver identities and scores that the fixtures carry into the domain events. */
const forbidden = [
  organisation.contactPerson,
  organisation.phone,
  organisation.email,
  organisation.legalRepresentative,
  organisation.uscc,
  actors.decisionMaker.id,
  actors.registryOfficer.id,
  actors.leadAuditor.id,
  '86.25',
  '78.5',
  '81.75',
  '90.5',
  '84.25',
  '88.75',
  '79.25',
  '70.75',
  '82.73',
  'evaluationResults',
  'approver',
  'leadAuditor',
  'decisionMaker',
  'findings',
];

const messagesOf = (events: RecordedEvent[]): string[] =>
  events
    .map((event) => toStatusEvent(event, organisation.name, 'VALID'))
    .filter((event): event is CertificateStatusEvent => event !== null)
    .map((event) => JSON.stringify(toKafkaMessage(event)));

describe('no personal data, approvers or scores in status messages', () => {
  const messages = messagesOf([...fullStory(), ...cancelStory()]);

  it('the domain events do carry them (the scan can fail)', () => {
    const domain = JSON.stringify(
      [...fullStory(), ...cancelStory()].map(({ data, metadata }) => ({ data, metadata })),
    );
    forbidden.forEach((value) => expect(domain).toContain(value));
  });

  it.each(forbidden)('no message contains %s', (value) => {
    expect(messages.length).toBeGreaterThan(10);
    messages.forEach((message) => expect(message).not.toContain(value));
  });

  it('copies only listed fields, even when a stored event carries contact data', () => {
    const [issued] = fullStory();
    const holder = {
      ...(issued.data.holder as object),
      contactPerson: organisation.contactPerson,
      email: organisation.email,
    };
    const [message] = messagesOf([
      { ...issued, data: { ...issued.data, holder, contact: organisation.phone } },
    ]);
    [organisation.contactPerson, organisation.email, organisation.phone].forEach((value) =>
      expect(message).not.toContain(value),
    );
  });
});
