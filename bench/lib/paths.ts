import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The repository root, the bench folder, its data cache (gitignored) and its results. */
export const ROOT = resolve(__dirname, '..', '..');
export const BENCH_DIR = join(ROOT, 'bench');
export const CACHE_DIR = join(BENCH_DIR, '.cache');
export const RESULTS_DIR = join(BENCH_DIR, 'results');

/** A directory under the cache, created if missing. */
export const cacheDir = (...parts: string[]): string => {
  const dir = join(CACHE_DIR, ...parts);
  mkdirSync(dir, { recursive: true });
  return dir;
};

/**
 * The cache directory of dataset `name` (kind and size) at data-version `key`, created if missing. Older versions
 * of the same dataset are deleted: a full dataset takes gigabytes, and the code that made them has changed.
 */
export const datasetDir = (name: string, key: string): string => {
  const root = join(CACHE_DIR, 'data');
  if (existsSync(root)) {
    for (const entry of readdirSync(root)) {
      if (
        entry.startsWith(`${name}-`) &&
        entry !== `${name}-${key}` &&
        /^[0-9a-f]{12}$/.test(entry.slice(name.length + 1))
      )
        rmSync(join(root, entry), { recursive: true, force: true });
    }
  }
  return cacheDir('data', `${name}-${key}`);
};
