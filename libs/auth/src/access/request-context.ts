import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Actor, Role } from '@app/domain';
import { unauthenticated } from '../auth.errors';
import type { VerifiedToken } from '../tokens/token-authenticator';

/** The caller, as re-read from the user store on this request. */
export interface AuthenticatedUser {
  id: string;
  username: string;
  displayName: string;
  roles: Role[];
}

/** The parts of an HTTP request the guard reads and writes (kept minimal: no platform's typing is needed). */
export interface AuthRequest {
  headers: Record<string, string | string[] | undefined>;
  user?: AuthenticatedUser;
  actor?: Actor;
  /** The verified bearer token (set by the auth guard): what logout revokes. */
  token?: VerifiedToken;
}

/** Exported for tests: the value the param decorators resolve to. */
export const currentUserOf = (request: AuthRequest): AuthenticatedUser => {
  // Absent only on a @Public route, where asking for the user is a programming error; still, never a 500.
  if (request.user === undefined) throw unauthenticated();
  return request.user;
};

export const currentActorOf = (request: AuthRequest): Actor => {
  if (request.actor === undefined) throw unauthenticated();
  return request.actor;
};

export const currentTokenOf = (request: AuthRequest): VerifiedToken => {
  if (request.token === undefined) throw unauthenticated();
  return request.token;
};

/** The authenticated user of the request (set by the auth guard). */
export const CurrentUser = createParamDecorator((_data: unknown, context: ExecutionContext) =>
  currentUserOf(context.switchToHttp().getRequest<AuthRequest>()),
);

/** The actor `{id, role}` in which the user calls this route: the one to record in events (R-ACT-1). */
export const CurrentActor = createParamDecorator((_data: unknown, context: ExecutionContext) =>
  currentActorOf(context.switchToHttp().getRequest<AuthRequest>()),
);

/** The verified bearer token of the request (set by the auth guard). */
export const CurrentToken = createParamDecorator((_data: unknown, context: ExecutionContext) =>
  currentTokenOf(context.switchToHttp().getRequest<AuthRequest>()),
);
