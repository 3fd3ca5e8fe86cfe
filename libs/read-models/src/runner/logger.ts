/** What the runner logs through; a Nest `Logger` instance fits as is. */
export interface RunnerLogger {
  log(message: string): void;
  warn(message: string): void;
  error(message: string, stack?: string): void;
}

/** Default: warnings and errors to the console (a stopped projection must never go unnoticed), no info. */
export const consoleLogger: RunnerLogger = {
  log: () => undefined,
  warn: (message) => console.warn(message),
  error: (message, stack) => console.error(stack ? `${message}\n${stack}` : message),
};
