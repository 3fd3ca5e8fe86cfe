/** Seeding for the timer tests: files put in the log through the domain core, as of the dates given. */
import {
  addDays,
  applicationDecider,
  applicationStreamName,
  certificateDecider,
  certificateStreamName,
  CMM_525_0002_V1,
  type Actor,
  type Command,
  type Decider,
  type DomainEvent,
} from '@app/domain';
import { handleCommand, type EventStore } from '@app/event-store';
import { actors, annexA, completeMaterials, ctx, expectedResults } from '@app/testing';

/** One command through the core, as `actor` at `now`. */
export const seedStep = <C extends Command, E extends DomainEvent, S>(
  store: EventStore,
  decider: Decider<C, E, S>,
  streamId: string,
  type: C['type'],
  data: object,
  actor: Actor,
  now: string,
) => handleCommand(store, decider, streamId, { type, data, context: ctx(actor, now) } as C);

/** A VALID certificate decided on `decisionDate` (issued the day after), scored at 80. */
export const seedCertificate = (store: EventStore, number: string, decisionDate: string) =>
  seedStep(
    store,
    certificateDecider,
    certificateStreamName(number),
    'IssueCertificate',
    {
      number,
      applicationId: `application-${number}`,
      schemeVersion: CMM_525_0002_V1.id,
      grant: {
        auditId: `audit-${number}`,
        auditType: 'INITIAL',
        decisionDate,
        decisionMaker: actors.decisionMaker,
      },
      holder: {
        name: `持证组织 ${number}`,
        address: '福建省福州市鼓楼区五四路 100 号',
        uscc: annexA().organisation.uscc,
      },
      scope: '智能客户服务（在线客服）',
      evaluationResults: expectedResults({ fraction: 0.8 }),
    },
    actors.decisionMaker,
    `${addDays(decisionDate, 1)}T02:00:00.000Z`,
  );

/** An initial application submitted on `submittedOn`. */
export const seedApplication = (store: EventStore, applicationId: string, submittedOn: string) =>
  seedStep(
    store,
    applicationDecider,
    applicationStreamName(applicationId),
    'SubmitApplication',
    { applicationId, kind: 'INITIAL', annexA: annexA(), materials: completeMaterials() },
    actors.intake,
    `${submittedOn}T02:00:00.000Z`,
  );
