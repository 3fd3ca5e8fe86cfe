import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { ROOT } from './paths';
import { sourceHash } from './source-hash';

/** What the child processes run: the apps and libraries, and the bench's server entry points. */
const BUILD_SOURCES = ['apps', 'libs', 'bench/server', 'tsconfig.json'];
const TEST_FILE = /\.(spec|int-spec|e2e-spec)\.ts$/;

/**
 * Compiled JavaScript of the code the benchmark's child processes run (the API under test, the bare Nest app),
 * so they run as the production image does — plain `node` on JavaScript, no TypeScript compiler in memory (the
 * memory case measures their RSS). Compiled with SWC (the settings the Jest suites use) into
 * `node_modules/.cache/certification-bench/build-<hash>`, with the `@app/*` path aliases rewritten to relative
 * requires; kept while the sources are unchanged. Inside node_modules, so linters and git never see it.
 */
export const buildForChildren = async (): Promise<string> => {
  const key = sourceHash(BUILD_SOURCES);
  const root = join(ROOT, 'node_modules', '.cache', 'certification-bench');
  const out = join(root, `build-${key}`);
  if (existsSync(join(out, '.complete'))) return out;
  const swc = await import('@swc/core');
  const tsconfig = JSON.parse(readFileSync(join(ROOT, 'tsconfig.json'), 'utf8')) as {
    compilerOptions: { paths: Record<string, string[]> };
  };
  const temporary = `${out}.tmp-${process.pid}`;
  rmSync(temporary, { recursive: true, force: true });
  const files = ['apps', 'libs', 'bench/server'].flatMap((dir) => sourcesUnder(join(ROOT, dir)));
  await Promise.all(
    files.map(async (file) => {
      const output = await swc.transformFile(file, {
        jsc: {
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true },
          target: 'es2022',
          baseUrl: ROOT,
          paths: tsconfig.compilerOptions.paths,
        },
        module: { type: 'commonjs' },
        sourceMaps: false,
        swcrc: false,
        configFile: false,
      });
      const target = join(temporary, relative(ROOT, file)).replace(/\.ts$/, '.js');
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, output.code);
    }),
  );
  writeFileSync(join(temporary, '.complete'), key);
  // Older builds are of older sources: drop them.
  if (existsSync(root)) {
    for (const entry of readdirSync(root)) {
      if (entry.startsWith('build-') && join(root, entry) !== temporary) {
        rmSync(join(root, entry), { recursive: true, force: true });
      }
    }
  }
  renameSync(temporary, out);
  return out;
};

const sourcesUnder = (dir: string): string[] => {
  if (!existsSync(dir)) return [];
  const files: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...sourcesUnder(path));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') && !TEST_FILE.test(entry.name))
      files.push(path);
  }
  return files;
};
