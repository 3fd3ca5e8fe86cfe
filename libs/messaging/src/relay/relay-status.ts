/** `standby`: this process would relay, but another holds the relay's lease. */
export type RelayState = 'off' | 'standby' | 'starting' | 'catching-up' | 'live' | 'retrying' | 'stopped';

export interface RelayStatus {
  state: RelayState;
  /** Serialized log position of the stored checkpoint, null before the first. */
  checkpoint: string | null;
  /** Certificate events in the log after the checkpoint (counted up to LAG_COUNT_CAP). */
  lag: number;
  lastError: string | null;
  /** Failed attempts since the relay last made progress. */
  retries: number;
}

/** Read by `/health/ready` and `/metrics`. */
export interface RelayStatusSource {
  status(): Promise<RelayStatus>;
}

export const RELAY_STATUS = Symbol('RelayStatus');

export const RELAY_OFF: RelayStatusSource = {
  status: () => Promise.resolve({ state: 'off', checkpoint: null, lag: 0, lastError: null, retries: 0 }),
};
