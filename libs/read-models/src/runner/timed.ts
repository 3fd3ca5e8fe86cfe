import { performance } from 'node:perf_hooks';

/** `action`'s result, with the milliseconds it took added to `into[key]`. */
export const timed = async <K extends string, T>(
  into: Record<K, number>,
  key: K,
  action: () => Promise<T>,
): Promise<T> => {
  const start = performance.now();
  try {
    return await action();
  } finally {
    into[key] += performance.now() - start;
  }
};
