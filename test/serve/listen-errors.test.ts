// Where the dashboard cannot listen, the user gets a coded error naming the host and port, not an internal one.
import { createServer, type AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { assertPortFree } from '../../src/serve/assert-port-free.js';
import { listenError } from '../../src/serve/listen-error.js';

describe('listening for the dashboard', () => {
  it('reports a taken port as SERVE_PORT_IN_USE and frees a port it only probed', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', () => resolve()));
    const port = (taken.address() as AddressInfo).port;
    try {
      await expect(assertPortFree(port, '127.0.0.1')).rejects.toMatchObject({ code: 'SERVE_PORT_IN_USE' });
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
    await assertPortFree(port, '127.0.0.1');
    await assertPortFree(port, '127.0.0.1'); // the probe let the port go
  });

  it('reports a host that does not resolve as SERVE_LISTEN_FAILED with the host, port and how to fix it', async () => {
    const err = await assertPortFree(8599, 'nosuch.invalid').then(() => undefined, (e: unknown) => e);
    expect(err).toMatchObject({ code: 'SERVE_LISTEN_FAILED', message: expect.stringContaining('Cannot listen on nosuch.invalid port 8599') });
    expect((err as { hint?: string }).hint).toContain('--host');
  });

  it('maps the address and permission errors of listen() and leaves any other error as it is', () => {
    for (const code of ['EADDRNOTAVAIL', 'EACCES', 'EPERM', 'ENOTFOUND', 'EAI_AGAIN']) {
      const failure = Object.assign(new Error(`listen ${code}`), { code });
      expect(listenError(failure, 80, '10.0.0.9'), code).toMatchObject({ code: 'SERVE_LISTEN_FAILED' });
    }
    const other = Object.assign(new Error('boom'), { code: 'EMFILE' });
    expect(listenError(other, 80, '127.0.0.1')).toBe(other);
  });
});
