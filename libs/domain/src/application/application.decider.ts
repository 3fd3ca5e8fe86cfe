import type { Decider } from '../shared/decider';
import type { ApplicationCommand } from './application.commands';
import { decideApplication } from './application.decide';
import type { ApplicationEvent } from './application.events';
import { evolveApplication, initialApplicationState, type ApplicationState } from './application.state';

/** 认证申请 (§6.1): submission, supplements, acceptance review. Stream `application-<uuid>`. */
export const applicationDecider: Decider<ApplicationCommand, ApplicationEvent, ApplicationState> = {
  initialState: initialApplicationState,
  evolve: evolveApplication,
  decide: decideApplication,
};

export const applicationStreamName = (applicationId: string): string => `application-${applicationId}`;
