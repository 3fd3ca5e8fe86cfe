import {
  CallHandler,
  ExecutionContext,
  Inject,
  Injectable,
  NestInterceptor,
  UseInterceptors,
  applyDecorators,
} from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { from, switchMap, type Observable } from 'rxjs';
import { parsePosition, type Position } from '@app/event-store';
import { READ_MODEL_STATUS, type ReadModelStatus } from '@app/read-models';
import { httpError } from '../platform/http-error';

/** Longest a query waits for the read models to catch up with the caller's own write. */
const MAX_WAIT_MS = 3000;

/**
 * Read-your-writes: a query sent with `X-Min-Position: <position of a command response>` is answered once the
 * read models have applied that position (bounded wait). If they have not within the bound, the answer is sent
 * anyway with `X-Read-Model-Stale: true`, so a client can tell and retry.
 */
@Injectable()
export class ReadYourWritesInterceptor implements NestInterceptor {
  constructor(@Inject(READ_MODEL_STATUS) private readonly progress: ReadModelStatus) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    const header = http.getRequest<FastifyRequest>().headers['x-min-position'];
    if (header === undefined) return next.handle();
    let position: Position;
    try {
      position = parsePosition(Array.isArray(header) ? header.join(',') : header);
    } catch {
      throw httpError(
        400,
        'VALIDATION_FAILED',
        'X-Min-Position must be a log position as returned by a command',
        [{ field: 'X-Min-Position', problems: ['expected "<commit>/<prepare>"'] }],
      );
    }
    return from(this.progress.waitFor(position, MAX_WAIT_MS)).pipe(
      switchMap((reached) => {
        if (!reached) http.getResponse<FastifyReply>().header('X-Read-Model-Stale', 'true');
        return next.handle();
      }),
    );
  }
}

/** Marks a route served from read models. */
export const ReadModelRoute = () =>
  applyDecorators(
    UseInterceptors(ReadYourWritesInterceptor),
    ApiHeader({
      name: 'X-Min-Position',
      required: false,
      description:
        'Wait (up to 3 s) until the read models include this log position (from a command response)',
    }),
  );
