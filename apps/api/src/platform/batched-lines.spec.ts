import { execFileSync } from 'node:child_process';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { BatchedLines, MAX_WAITING_CHARS } from './batched-lines';

const sinkOf = (): { writes: string[]; write: (chunk: string) => void } => {
  const writes: string[] = [];
  return { writes, write: (chunk) => writes.push(chunk) };
};

describe('BatchedLines', () => {
  it('writes the lines of one turn of the event loop together, in order, at the end of that turn', async () => {
    const sink = sinkOf();
    const lines = new BatchedLines(sink);
    lines.write('{"msg":"one"}\n');
    lines.write('{"msg":"two"}\n');
    expect(sink.writes).toEqual([]);
    await nextTurn();
    expect(sink.writes).toEqual(['{"msg":"one"}\n{"msg":"two"}\n']);
    lines.write('{"msg":"three"}\n');
    await nextTurn();
    expect(sink.writes).toEqual(['{"msg":"one"}\n{"msg":"two"}\n', '{"msg":"three"}\n']);
  });

  it('writes at once when the waiting lines reach the limit, so a busy turn holds no more than that', async () => {
    const sink = sinkOf();
    const lines = new BatchedLines(sink);
    const line = `${'x'.repeat(1023)}\n`;
    const perBatch = MAX_WAITING_CHARS / line.length;
    for (let i = 0; i < perBatch + 1; i++) lines.write(line);
    expect(sink.writes).toEqual([line.repeat(perBatch)]);
    await nextTurn();
    expect(sink.writes).toEqual([line.repeat(perBatch), line]);
  });

  it('writes nothing when nothing waits', async () => {
    const sink = sinkOf();
    const lines = new BatchedLines(sink);
    lines.flush();
    lines.write('a\n');
    lines.flush();
    await nextTurn();
    expect(sink.writes).toEqual(['a\n']);
  });

  it('writes what waits, then each line as it comes, once told to (the application shutting down)', async () => {
    const sink = sinkOf();
    const lines = new BatchedLines(sink);
    lines.write('before\n');
    lines.writeEachLine();
    expect(sink.writes).toEqual(['before\n']);
    lines.write('closing\n');
    lines.write('closed\n');
    expect(sink.writes).toEqual(['before\n', 'closing\n', 'closed\n']);
    await nextTurn();
    expect(sink.writes).toHaveLength(3);
  });

  it("writes the standard output's waiting lines when the process exits before the turn ends", () => {
    const script =
      "const { batchedStdout } = require('./apps/api/src/platform/batched-lines');" +
      "batchedStdout().write('first\\n'); batchedStdout().write('last\\n'); process.exit(3);";
    let output = '';
    try {
      execFileSync(process.execPath, ['-r', 'ts-node/register/transpile-only', '-e', script], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      });
    } catch (error) {
      const failed = error as { status: number; stdout: string };
      expect(failed.status).toBe(3);
      output = failed.stdout;
    }
    expect(output).toBe('first\nlast\n');
  });
});
