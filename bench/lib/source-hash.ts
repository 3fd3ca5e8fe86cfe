import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ROOT } from './paths';

const TEST_FILE = /\.(spec|int-spec|e2e-spec|fixtures)\.ts$/;

const sourcesUnder = (dir: string): string[] => {
  const files: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...sourcesUnder(path));
    else if (entry.name.endsWith('.ts') && !TEST_FILE.test(entry.name)) files.push(path);
  }
  return files;
};

/**
 * A short hash of the source files under `paths` (relative to the repository root; tests excluded) and of `extra`:
 * the data-version key of a cached dataset. Any change to the code that produces the data makes a new dataset.
 */
export const sourceHash = (paths: readonly string[], extra: string[] = []): string => {
  const hash = createHash('sha256');
  for (const path of paths) {
    const absolute = join(ROOT, path);
    const files = statSync(absolute).isDirectory() ? sourcesUnder(absolute) : [absolute];
    for (const file of files.sort()) {
      hash.update(relative(ROOT, file)).update('\0').update(readFileSync(file)).update('\0');
    }
  }
  for (const value of extra) hash.update(value).update('\0');
  return hash.digest('hex').slice(0, 12);
};
