import { Presets, SingleBar } from 'cli-progress';

export interface Progress {
  update(done: number, payload?: Record<string, string | number>): void;
  stop(): void;
}

/**
 * A cli-progress bar on stderr while something long runs (data generation, read-model builds). On a terminal only:
 * in CI logs (no TTY) cli-progress prints nothing, and callers print one summary line instead.
 */
export const progressBar = (label: string, total: number, unit: string): Progress => {
  const started = Date.now();
  const bar = new SingleBar(
    {
      format: `${label} [{bar}] {percentage}% · {value}/{total} ${unit} · {rate}/s · ETA {eta_formatted}`,
      hideCursor: true,
      etaBuffer: 50,
    },
    Presets.shades_classic,
  );
  bar.start(total, 0, { rate: 0 });
  return {
    update(done, payload = {}) {
      const seconds = (Date.now() - started) / 1000;
      bar.update(done, { rate: seconds > 0 ? Math.round(done / seconds) : 0, ...payload });
    },
    stop() {
      bar.stop();
    },
  };
};
