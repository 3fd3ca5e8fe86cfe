/** What the security tests check answers with (they start the API with test/e2e/api-harness). */

/** What every error response of the API looks like: `{statusCode, code, message, details?}` and nothing else. */
export const errorFormatProblem = (status: number, body: unknown): string | undefined => {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return 'body is not a JSON object';
  const { statusCode, code, message, ...rest } = body as Record<string, unknown>;
  const extra = Object.keys(rest).filter((key) => key !== 'details');
  if (statusCode !== status) return `statusCode ${String(statusCode)} ≠ HTTP status ${status}`;
  if (typeof code !== 'string' || !/^[A-Z][A-Z0-9_-]*$/.test(code)) return `code ${JSON.stringify(code)}`;
  if (typeof message !== 'string' || message === '') return 'message missing';
  if (extra.length > 0) return `unexpected keys ${extra.join(', ')}`;
  return undefined;
};

/** A stack frame or an internal path in a response: never allowed to leave the process. */
export const STACK_TRACE = /\bat [\w$.<>]+ \(|\/(apps|libs|node_modules)\/[\w/.-]+\.(ts|js)/;
