// Does: turns a failure to listen into the error a user can act on: the port is taken, or the address or port
// cannot be used here. Does not: listen (start-server.ts and assert-port-free.ts do).
import { MercatorError } from '../errors/index.js';

/** Errors of listen() that come from the --host or --port given, not from a bug. */
const UNUSABLE = new Set(['EADDRNOTAVAIL', 'ENOTFOUND', 'EAI_AGAIN', 'EACCES', 'EPERM']);

/** SERVE_PORT_IN_USE or SERVE_LISTEN_FAILED for a listen() failure on `host`:`port`; any other error as it is. */
export function listenError(err: unknown, port: number, host: string): unknown {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE') return new MercatorError('SERVE_PORT_IN_USE', { port, host }, { cause: err });
  if (code !== undefined && UNUSABLE.has(code)) return new MercatorError('SERVE_LISTEN_FAILED', { port, host, detail: (err as Error).message }, { cause: err });
  return err;
}
