/** What the background thread tells the API thread. */
export type BackgroundThreadMessage =
  { type: 'ready' } | { type: 'stopped' } | { type: 'failed'; error: string };
