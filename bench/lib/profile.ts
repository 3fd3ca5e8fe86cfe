/**
 * How big the data is and how long each case runs: `full` (the sizes, for results) and `quick` (a smoke run
 * in CI: small data, one run of each case, every figure still computed).
 */
export interface Profile {
  name: 'full' | 'quick';
  /** Set when sizes or runs were overridden, or only some cases chosen, on the command line: not a full run. */
  custom?: boolean;
  /** Certification files (one certificate each) in the main dataset: registry, rebuild, memory, HTTP. */
  certificates: number;
  /** Events on the long certificate's own stream (regulator replay). */
  longCertificateEvents: number;
  /** Certificates of ~`commandStreamLength` events each: command path, peer, Kafka catch-up. */
  commandCertificates: number;
  commandStreamLength: number;
  /** Repetitions of each measurement (median over runs, p99 over all operations). */
  runs: number;
  /** Commands per run of the in-process command path (ours and raw). */
  commandsPerRun: number;
  /** Commands per run through Emmett and through ours (sequential). */
  peerCommandsPerRun: number;
  /** Seconds of each autocannon run (after a warm-up of a tenth of it). */
  httpSeconds: number;
  /** Runs of the full projection rebuild (the most expensive measurement). */
  rebuildRuns: number;
  /** Regulator replays per run. */
  regulatorReplays: number;
  /** Seconds of paced status events for the Kafka latency measurement. */
  kafkaSeconds: number;
}

export const FULL: Profile = {
  name: 'full',
  certificates: 100_000,
  longCertificateEvents: 1_000,
  commandCertificates: 2_000,
  commandStreamLength: 20,
  runs: 5,
  commandsPerRun: 2_000,
  peerCommandsPerRun: 500,
  httpSeconds: 10,
  rebuildRuns: 1,
  regulatorReplays: 20,
  kafkaSeconds: 10,
};

export const QUICK: Profile = {
  name: 'quick',
  certificates: 1_000,
  longCertificateEvents: 1_000,
  commandCertificates: 100,
  commandStreamLength: 20,
  runs: 1,
  commandsPerRun: 200,
  peerCommandsPerRun: 50,
  httpSeconds: 2,
  rebuildRuns: 1,
  regulatorReplays: 3,
  kafkaSeconds: 2,
};
