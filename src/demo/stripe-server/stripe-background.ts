import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { MercatorError } from '../../errors/index.js';
import { freePort } from '../free-port.js';
import type { DemoState } from '../demo-state.js';

/** Where the `mercator` entry script is, relative to this module (works from src/ and dist/). */
const BIN = fileURLToPath(new URL('../../../bin/mercator.js', import.meta.url));

async function waitForHttp(url: string, key: string, timeoutMs: number, log: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  while (Date.now() < deadline) {
    try {
      await fetch(`${url}/v1/charges?limit=1`, { headers: { Authorization: `Bearer ${key}` } });
      return;
    } catch (err) {
      last = err instanceof Error ? err.message : String(err);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new MercatorError('DEMO_STRIPE_START', { detail: last, log });
}

/**
 * Starts `mercator demo serve-stripe` detached (it outlives this process) and waits until it answers;
 * `onSpawned` learns its pid before that wait, so an interrupted caller can still stop it.
 */
export async function startStripeInBackground(state: DemoState, port?: number, onSpawned?: (pid: number) => void): Promise<{ url: string; port: number; pid: number }> {
  const chosen = port ?? (await freePort());
  const fd = openSync(state.stripe.log, 'a');
  const child = spawn(process.execPath, [BIN, 'demo', 'serve-stripe', '--dir', state.dir, '--port', String(chosen)], { detached: true, stdio: ['ignore', fd, fd] });
  closeSync(fd);
  child.unref();
  if (child.pid !== undefined) onSpawned?.(child.pid);
  const url = `http://127.0.0.1:${chosen}`;
  await waitForHttp(url, state.stripe.apiKey, 15_000, state.stripe.log);
  return { url, port: chosen, pid: child.pid ?? 0 };
}

/** True when `pid` is alive and runs `demo serve-stripe` (guards against a recycled pid). */
export function isStripeProcess(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  const cmdline = `/proc/${pid}/cmdline`;
  return !existsSync(cmdline) || readFileSync(cmdline, 'utf8').includes('serve-stripe');
}

/** Stops the background Stripe stand-in; false when it was not running. */
export async function stopStripeInBackground(pid: number | undefined): Promise<boolean> {
  if (!pid || !isStripeProcess(pid)) return false;
  process.kill(pid, 'SIGTERM');
  for (let i = 0; i < 100; i++) {
    try {
      process.kill(pid, 0);
    } catch {
      return true;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  process.kill(pid, 'SIGKILL');
  return true;
}
