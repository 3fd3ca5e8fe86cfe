import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { map, type Observable } from 'rxjs';

/** The ETag of a stream revision: a strong tag, `"3"`, which clients send back as `If-Match`. */
export const etagOf = (revision: number): string => `"${revision}"`;

export const setEtag = (response: Pick<FastifyReply, 'header' | 'sent'>, revision: number): void => {
  if (!response.sent) response.header('ETag', etagOf(revision));
};

const revisionOf = (result: unknown): number | undefined => {
  if (typeof result !== 'object' || result === null) return undefined;
  const revision = (result as { revision?: unknown }).revision;
  return typeof revision === 'number' && Number.isSafeInteger(revision) && revision >= 0
    ? revision
    : undefined;
};

/**
 * Sets `ETag` from the handler result's `revision` (command results and single aggregates), so no controller
 * has to touch the response object.
 */
@Injectable()
export class EtagInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const response = context.switchToHttp().getResponse<FastifyReply>();
    return next.handle().pipe(
      map((result: unknown) => {
        const revision = revisionOf(result);
        if (revision !== undefined) setEtag(response, revision);
        return result;
      }),
    );
  }
}
