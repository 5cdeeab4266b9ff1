// Does: checks that the dashboard's port can be listened on, before a command spends its time on work that
// ends with serving it. Does not: keep the port (another process may still take it before the server starts).
import { createServer } from 'node:net';
import { listenError } from './listen-error.js';

/** Resolves when `port` on `host` can be listened on right now; else SERVE_PORT_IN_USE or SERVE_LISTEN_FAILED. */
export async function assertPortFree(port: number, host: string): Promise<void> {
  if (port === 0) return; // 0 picks a free port when the server starts (an unusable host is reported then)
  const probe = createServer();
  try {
    await new Promise<void>((resolve, reject) => {
      probe.once('error', reject);
      probe.listen(port, host, () => resolve());
    });
  } catch (err) {
    throw listenError(err, port, host);
  }
  await new Promise<void>((resolve) => probe.close(() => resolve()));
}
