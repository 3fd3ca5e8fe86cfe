import { type ArgumentsHost, Catch, type ExceptionFilter, Logger } from '@nestjs/common';
import { mapError } from './error-mapping';

/** The parts of the HTTP request and response the filter touches (no Express typing needed). */
interface FilterRequest {
  headers: Record<string, string | string[] | undefined>;
  method?: string;
  url?: string;
}
interface FilterResponse {
  headersSent: boolean;
  status(code: number): { json(body: unknown): unknown };
}

/**
 * Global filter: every error, thrown by a handler or raised by the body parser or the 404 fallback, leaves as
 * `{statusCode, code, message, details?}`. Stacks never leave the process; server faults are logged with theirs.
 */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger(HttpErrorFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const http = host.switchToHttp();
    const request = http.getRequest<FilterRequest>();
    const response = http.getResponse<FilterResponse>();
    const { body, serverFault } = mapError(exception, {
      hadIfMatch: request.headers['if-match'] !== undefined,
    });
    if (serverFault) {
      const err = exception instanceof Error ? exception : new Error(String(exception));
      this.logger.error({ err, method: request.method, url: request.url, code: body.code });
    }
    // A streamed response that failed half-way cannot be given a body any more; the log above has the cause.
    if (response.headersSent) return;
    response.status(body.statusCode).json(body);
  }
}
