import { auditStreamName } from '@app/domain';
import { AUDIT_ID, historyUntil, nonconformityRaised } from '@app/domain/audit/audit.fixtures';
import { wholeCertificateStory } from './certificate-story.fixtures';
import { loadSchemeCatalogue } from '@app/config';
import { projectionsFor } from './index';
import { eventLog, given } from './projection-spec.fixtures';

/** Every kind of certificate and audit event, on their streams. */
const everything = () => {
  const story = wholeCertificateStory();
  const log = eventLog();
  const audit = historyUntil('NOTIFIED', { findings: [nonconformityRaised('NC-1', 'MAJOR')] }).map((event) =>
    log.append(auditStreamName(AUDIT_ID), event),
  );
  return [...story.events, ...audit];
};

const PROJECTIONS = projectionsFor(loadSchemeCatalogue());

describe('projectionsFor', () => {
  it('lists the eight read models, each with a unique name, its version, handled types and indexes', () => {
    expect(PROJECTIONS.map((p) => p.name)).toEqual([
      'registry',
      'certificates',
      'certificate-changes',
      'certificate-status-records',
      'surveillance-records',
      'applications',
      'audits',
      'deadlines',
    ]);
    // deadlines v2: the armed due date the timers search by; v3: its certificates without what no clock reads; v4:
    // its due dates in sparse indexes.
    expect(PROJECTIONS.map((p) => p.version)).toEqual([1, 1, 1, 1, 1, 1, 1, 4]);
    for (const projection of PROJECTIONS) {
      expect(projection.handles.length).toBeGreaterThan(0);
      expect(new Set(projection.handles).size).toBe(projection.handles.length);
      expect(projection.indexes.length).toBeGreaterThan(0);
    }
  });

  it('documents are plain JSON (no undefined, dates or bigints) so every read store keeps them as they are', () => {
    const events = everything();
    for (const projection of PROJECTIONS) {
      for (const document of given(projection, events).documents.values())
        expect(JSON.parse(JSON.stringify(document))).toStrictEqual(document);
    }
  });

  it('an event a projection does not handle concerns none of its documents', () => {
    const events = everything();
    for (const projection of PROJECTIONS)
      for (const event of events.filter((e) => !projection.handles.includes(e.type)))
        expect(projection.documentId(event)).toBeNull();
  });

  it('evolve never writes _sources: the runner owns them', () => {
    const events = everything();
    for (const projection of PROJECTIONS) {
      for (const event of events.filter((e) => projection.handles.includes(e.type))) {
        const created = projection.evolve(null, event);
        if (created) expect(created).not.toHaveProperty('_sources');
      }
    }
  });
});
