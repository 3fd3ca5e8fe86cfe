import { createParamDecorator, type ExecutionContext, HttpStatus } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { ROLES, type Actor } from '@app/domain';
import type { CommandMetadata } from '@app/certification';
import { httpError } from './http-error';
import { parseIdempotencyKey } from './idempotency-key';
import { parseIfMatch } from './if-match';

/**
 * `request.actor` is set by the auth guard: the user and the one role this route lets them act in; `request.id`
 * is the correlation id (correlation-id.ts).
 */
type CommandRequest = Pick<FastifyRequest, 'id' | 'headers'> & { actor?: unknown };

const isActor = (value: unknown): value is Actor => {
  if (typeof value !== 'object' || value === null) return false;
  const { id, role } = value as Record<string, unknown>;
  return typeof id === 'string' && id !== '' && (ROLES as readonly unknown[]).includes(role);
};

/** What `@CommandMeta()` resolves to. */
const commandMetadataOf = (request: CommandRequest): CommandMetadata => {
  // Without an actor the route was reached unauthenticated (missing guard): refuse rather than act anonymously.
  if (!isActor(request.actor)) {
    throw httpError(HttpStatus.UNAUTHORIZED, 'UNAUTHENTICATED', 'authentication required');
  }
  const actor: Actor = { id: request.actor.id, role: request.actor.role };
  const metadata: CommandMetadata = { actor, correlationId: request.id };
  const expectedRevision = parseIfMatch(request.headers['if-match']);
  if (expectedRevision !== undefined) metadata.expectedRevision = expectedRevision;
  const idempotencyKey = parseIdempotencyKey(request.headers['idempotency-key'], actor.id);
  if (idempotencyKey !== undefined) metadata.idempotencyKey = idempotencyKey;
  return metadata;
};

/** The command metadata of this request: actor, If-Match revision, user-scoped Idempotency-Key, correlation id. */
export const CommandMeta = createParamDecorator(
  (_data: unknown, context: ExecutionContext): CommandMetadata => {
    return commandMetadataOf(context.switchToHttp().getRequest<CommandRequest>());
  },
);
