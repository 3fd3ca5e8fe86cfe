import type { AddressInfo } from 'node:net';
import type { INestApplication } from '@nestjs/common';

/**
 * The IPC protocol of a bench server: listens on a free port of 127.0.0.1, reports `{type: 'ready', port}` and
 * closes on `{type: 'stop'}`.
 */
export const serveToBench = async (app: INestApplication): Promise<void> => {
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  process.on('message', (message: { type?: string }) => {
    if (message.type !== 'stop') return;
    void app.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
  process.send?.({ type: 'ready', port });
};

/** Runs a bench server's main; a failure is printed (the bench shows the child's stderr) and exits 1. */
export const runServer = (main: () => Promise<void>): void => {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
};
