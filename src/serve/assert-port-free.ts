// Does: checks that the dashboard's port can be listened on, before a command spends its time on work that
// ends with serving it. Does not: keep the port (another process may still take it before the server starts).
import { createServer } from 'node:net';
import { MercatorError } from '../errors/index.js';

/** Resolves when `port` on `host` is free right now; SERVE_PORT_IN_USE when another process listens there. */
export async function assertPortFree(port: number, host: string): Promise<void> {
  if (port === 0) return; // 0 picks a free port when the server starts
  const probe = createServer();
  try {
    await new Promise<void>((resolve, reject) => {
      probe.once('error', reject);
      probe.listen(port, host, () => resolve());
    });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') throw new MercatorError('SERVE_PORT_IN_USE', { port, host }, { cause: err });
    throw err;
  }
  await new Promise<void>((resolve) => probe.close(() => resolve()));
}
