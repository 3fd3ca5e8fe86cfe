import { createInterface } from 'node:readline/promises';
import { Writable } from 'node:stream';

export class PasswordInputError extends Error {
  override readonly name = 'PasswordInputError';
}

/** Everything piped on stdin, less one trailing line break (as `echo` adds): `--password-stdin`. */
export const readPasswordFromStdin = async (
  input: NodeJS.ReadableStream = process.stdin,
): Promise<string> => {
  const chunks: Buffer[] = [];
  for await (const chunk of input) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  const password = Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
  if (password.length === 0) throw new PasswordInputError('no password on stdin');
  return password;
};

/** One question whose answer is not echoed: readline writes its echo into an output we mute after the prompt. */
const askHidden = async (question: string): Promise<string> => {
  let muted = false;
  const output = new Writable({
    write(chunk, encoding, callback) {
      if (!muted) process.stderr.write(chunk, encoding);
      callback();
    },
  });
  const prompt = createInterface({ input: process.stdin, output, terminal: true });
  try {
    const answer = prompt.question(question);
    muted = true;
    return await answer;
  } finally {
    prompt.close();
    process.stderr.write('\n');
  }
};

/** Asks twice on the terminal, without echo; refuses when there is no terminal to ask on. */
export const promptNewPassword = async (): Promise<string> => {
  if (!process.stdin.isTTY || !process.stderr.isTTY) {
    throw new PasswordInputError(
      'no password: pipe it with --password-stdin (e.g. printf %s "$PASSWORD" | npm run cli -- users create … ' +
        '--password-stdin) or run the command in a terminal',
    );
  }
  const first = await askHidden('Password: ');
  const second = await askHidden('Repeat password: ');
  if (first !== second) throw new PasswordInputError('the two passwords differ');
  return first;
};
