// Ctrl-C during `mercator demo init` (the built CLI in its own process, with its embedded PostgreSQL): the command
// stops the server it started and leaves no state file, so nothing keeps running that `demo stop` cannot find,
// and it exits as interrupted (130).
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const BIN = join(import.meta.dirname, '../../bin/mercator.js');
const dir = mkdtempSync(join(tmpdir(), 'demo-interrupt-'));
chmodSync(dir, 0o755); // the embedded PostgreSQL runs as its own user when tests run as root

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('mercator demo init, interrupted', () => {
  it('stops its PostgreSQL, removes the partial state and exits 130', async () => {
    const child = spawn(process.execPath, [BIN, 'demo', 'init', '--dir', dir, '--scale', '0.3', '--event-days', '2'], { env: { ...process.env, CI: 'true', NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    // Interrupted while it generates: PostgreSQL is up and the Stripe objects are being written.
    const pidFile = join(dir, '.mercator', 'postgres', 'postmaster.pid');
    const charges = join(dir, '.mercator', 'stripe', 'charges.jsonl');
    for (let i = 0; i < 600 && !(existsSync(charges) && statSync(charges).size > 0); i++) await sleep(20);
    expect(existsSync(pidFile), out).toBe(true);
    child.kill('SIGINT');
    expect(await exited, out).toBe(130);
    expect(out).toContain('Interrupted (SIGINT)');
    expect(out).not.toContain('Demo shop ready');
    expect(out).not.toMatch(/Error|INTERNAL/); // failures caused by the shutdown itself are not reported
    expect(existsSync(join(dir, '.mercator', 'demo.json'))).toBe(false);
    expect(existsSync(pidFile)).toBe(false);
  }, 60_000);
});
