import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readComposeFile, servicesOf } from './compose-file';
import { healthcheckCommand, readDockerfile } from './dockerfile';

const ROOT = join(__dirname, '..', '..');
const stages = readDockerfile();
const [build, runtime] = [stages[0], stages[stages.length - 1]];
const argsOf = (keyword: string, stage = runtime): string[] =>
  stage.instructions.filter((instruction) => instruction.keyword === keyword).map(({ args }) => args);

describe('docker/Dockerfile', () => {
  it('builds in one stage and runs from another', () => {
    expect(stages.map((stage) => stage.name)).toEqual(['build', 'runtime']);
  });

  it('compiles with dev dependencies and the native toolchain, then keeps production dependencies only', () => {
    const runs = argsOf('RUN', build).join('\n');
    expect(runs).toMatch(/apt-get install .*python3 make g\+\+/);
    expect(runs).toContain('npm ci');
    expect(runs).toMatch(/npm run build && npm prune --omit=dev/);
    expect(runs).toContain('node docker/link-path-aliases.mjs tsconfig.json dist node_modules');
    // The runtime stage installs nothing: it copies the pruned node_modules and dist from the build stage.
    expect(argsOf('RUN').join('\n')).not.toMatch(/npm (ci|install)/);
    expect(argsOf('COPY')).toEqual(expect.arrayContaining(['--from=build /app/node_modules ./node_modules']));
  });

  it('copies only files that exist in the repository into the build', () => {
    for (const copy of argsOf('COPY', build)) {
      const sources = copy.split(' ').slice(0, -1);
      for (const source of sources)
        expect({ source, exists: existsSync(join(ROOT, source)) }).toEqual({ source, exists: true });
    }
  });

  it('runs as a non-root user in /app with NODE_ENV=production', () => {
    expect(argsOf('USER')).toEqual(['node']);
    expect(argsOf('WORKDIR')).toEqual(['/app']);
    expect(argsOf('ENV')).toContain('NODE_ENV=production');
  });

  it('probes /health/live with node (the slim image has no curl)', () => {
    const command = healthcheckCommand(runtime);
    expect(command.slice(0, 2)).toEqual(['node', '-e']);
    expect(command[2]).toContain('/health/live');
  });

  it('starts the API by default, and every app command in the compose files names a compiled entry point', () => {
    expect(argsOf('CMD')).toEqual(['["node", "dist/apps/api/src/main.js"]']);
    const commands = [...servicesOf(readComposeFile('compose.yml')).values()].flatMap((service) => [
      ...((service.command as string[] | undefined) ?? []),
      ...((service.entrypoint as string[] | undefined) ?? []),
    ]);
    const entryPoints = ['dist/apps/api/src/main.js', ...commands.filter((part) => part.startsWith('dist/'))];
    expect(entryPoints).toHaveLength(3);
    for (const entryPoint of entryPoints) {
      // tsc maps apps/x/src/main.ts to dist/apps/x/src/main.js (the common root of apps/ and libs/).
      const source = entryPoint.replace(/^dist\//, '').replace(/\.js$/, '.ts');
      expect({ entryPoint, source: existsSync(join(ROOT, source)) }).toEqual({ entryPoint, source: true });
    }
  });
});
