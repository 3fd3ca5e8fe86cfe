import { Injectable, type OnApplicationShutdown } from '@nestjs/common';

/** Where batched lines go: `process.stdout`, or any stream that writes a chunk whole. */
export interface LineSink {
  write(chunk: string): unknown;
}

/** Past this many characters waiting, the lines are written at once rather than at the end of the turn. */
export const MAX_WAITING_CHARS = 64 * 1024;

/**
 * A log destination that writes the lines logged in one turn of the event loop together, in one write to its
 * sink, at the end of that turn (or as soon as MAX_WAITING_CHARS wait). A loaded API serves tens of requests per
 * turn and logs a line for each: written one by one to `process.stdout`, each line was a system call of its own (7 %
 * of the API thread under the bench's registry load). The sink still receives whole lines only, in the order logged,
 * and each line leaves the process before the event loop waits for anything else; what waits when the process exits
 * (`process.exit`, an uncaught error) is written by its 'exit' listener. A process that ends by a signal emits no
 * 'exit': Nest, shutting down on SIGTERM, closes the application and then raises the signal again — so the API
 * turns batching off as it shuts down (`LogLinesAtShutdown`), and every later line is written as it comes.
 */
export class BatchedLines {
  private waiting = '';
  private scheduled: NodeJS.Immediate | undefined;
  private batching = true;

  constructor(private readonly sink: LineSink) {}

  write(line: string): void {
    this.waiting += line;
    if (!this.batching || this.waiting.length >= MAX_WAITING_CHARS) this.flush();
    else this.scheduled ??= setImmediate(() => this.flush());
  }

  /** Writes what waits, then each line as it comes. */
  writeEachLine(): void {
    this.batching = false;
    this.flush();
  }

  /** Writes what waits now. */
  flush(): void {
    if (this.scheduled) clearImmediate(this.scheduled);
    this.scheduled = undefined;
    if (this.waiting === '') return;
    const lines = this.waiting;
    this.waiting = '';
    this.sink.write(lines);
  }
}

let stdoutLines: BatchedLines | undefined;

/** The process's standard output as a batched destination: one per process (or thread), flushed at its exit. */
export const batchedStdout = (): BatchedLines => {
  if (!stdoutLines) {
    const lines = new BatchedLines(process.stdout);
    process.once('exit', () => lines.flush());
    stdoutLines = lines;
  }
  return stdoutLines;
};

/**
 * Writes the standard output's waiting lines and every later one as it comes, from the moment the application
 * shuts down (after every module's `onModuleDestroy` and `beforeApplicationShutdown`): the lines of the shutdown
 * reach the output before the process ends, even by the signal Nest raises again once closed.
 */
@Injectable()
export class LogLinesAtShutdown implements OnApplicationShutdown {
  onApplicationShutdown(): void {
    stdoutLines?.writeEachLine();
  }
}
