import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DOCKER_DIR } from './compose-file';

export interface Instruction {
  keyword: string;
  args: string;
}

export interface Stage {
  name: string;
  instructions: Instruction[];
}

/** docker/Dockerfile as stages of instructions (continuation lines joined, comments dropped). */
export const readDockerfile = (): Stage[] => {
  const lines = readFileSync(join(DOCKER_DIR, 'Dockerfile'), 'utf8')
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
  const stages: Stage[] = [];
  for (const line of lines) {
    const [, keyword, args] = /^(\S+)\s*(.*)$/.exec(line) ?? [];
    const instruction = { keyword: keyword.toUpperCase(), args: args.replace(/\s+/g, ' ') };
    if (instruction.keyword === 'FROM')
      stages.push({ name: /\bAS\s+(\S+)$/i.exec(args)?.[1] ?? String(stages.length), instructions: [] });
    else if (stages.length > 0) stages[stages.length - 1].instructions.push(instruction);
  }
  return stages;
};

/** The exec-form arguments after HEALTHCHECK's options and `CMD`. */
export const healthcheckCommand = (stage: Stage): string[] => {
  const healthcheck = stage.instructions.find((instruction) => instruction.keyword === 'HEALTHCHECK');
  const exec = healthcheck && /\bCMD\s+(\[.*\])$/.exec(healthcheck.args);
  if (!exec) throw new Error('no exec-form HEALTHCHECK in the runtime stage');
  return JSON.parse(exec[1]) as string[];
};
