import { readFile, writeFile } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ManifestNode } from '../project/node-types.js';

/** Where a node's SQL goes under target/<kind>/, as dbt lays it out (tests from YAML under the YAML file's name). */
export function sqlArtifactPath(kind: 'compiled' | 'run', node: ManifestNode): string {
  const rel = node.testMetadata ? `${node.originalFilePath.replace(/\.ya?ml$/, '')}/${node.name}.sql` : node.originalFilePath.replace(/\.csv$/, '.sql');
  return `${kind}/${node.packageName}/${rel}`;
}

// Writes in flight per target dir; the task awaits them (flushSqlArtifacts) before it returns.
// Creating a file costs far more than writing it (0.1–0.6 ms per new file on ext4 here), and thousands of
// small writes blocked the main thread, so the first 2,000 files go through libuv's pool (starting threads
// costs more than it saves for a few hundred files) and the rest go in batches to two worker threads that write synchronously while the
// main thread goes on compiling. Files are routed to a worker by directory (one worker creates a
// directory before writing in it, and two writes of one file keep their order). A file whose content is
// unchanged is left alone: rewriting it would cost a truncate, which ext4 flushes on close.
/** Tunables of the writer (tests lower `workerAfter` to reach the worker path with a small project). */
export const artifactWriting = { workerAfter: 2000 };
const BATCH = 128;
const WORKERS = 2;

const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const fs = require('node:fs');
const made = new Set();
parentPort.on('message', (batch) => {
  const errors = [];
  for (let i = 0; i < batch.length; i += 3) {
    const file = batch[i], dir = batch[i + 1], text = batch[i + 2];
    try {
      if (!made.has(dir)) { fs.mkdirSync(dir, { recursive: true }); made.add(dir); }
      // 'wx' creates a new file without first failing to read it (an exception per file); an existing one is
      // compared and rewritten only when its content changed.
      let fd = -1;
      try { fd = fs.openSync(file, 'wx'); } catch (e) { if (!e || e.code !== 'EEXIST') throw e; }
      if (fd >= 0) {
        try { fs.writeSync(fd, text); } finally { fs.closeSync(fd); }
      } else if (fs.readFileSync(file, 'utf8') !== text) {
        fs.writeFileSync(file, text);
      }
    } catch (err) { errors.push(String(err && err.message || err)); }
  }
  parentPort.postMessage(errors);
});`;

interface WorkerSlot {
  worker: Worker;
  batch: string[];
  /** Resolvers of posted batches, in order (a worker answers batches in order). */
  waiting: Array<(errors: string[]) => void>;
}

interface PendingRun {
  dirs: Map<string, Promise<unknown>>;
  writes: Promise<void>[];
  errors: unknown[];
  count: number;
  workers: WorkerSlot[] | null;
  scheduled: boolean;
}

const pending = new Map<string, PendingRun>();

function startWorkers(): WorkerSlot[] {
  return Array.from({ length: WORKERS }, () => {
    const slot: WorkerSlot = { worker: new Worker(WORKER_SOURCE, { eval: true }), batch: [], waiting: [] };
    slot.worker.on('message', (errors: string[]) => slot.waiting.shift()?.(errors));
    slot.worker.on('error', (err) => {
      for (const w of slot.waiting.splice(0)) w([String(err.message)]);
    });
    // A worker that stops with batches unanswered fails them rather than leaving the flush waiting forever.
    slot.worker.on('exit', (code) => {
      for (const w of slot.waiting.splice(0)) w([`the writer thread stopped (exit code ${code})`]);
    });
    return slot;
  });
}

function postBatch(run: PendingRun, slot: WorkerSlot): void {
  if (slot.batch.length === 0) return;
  const batch = slot.batch;
  slot.batch = [];
  run.writes.push(
    new Promise<void>((resolve) => {
      slot.waiting.push((errors) => {
        for (const e of errors) run.errors.push(new Error(`writing a SQL artifact failed: ${e}`));
        resolve();
      });
      slot.worker.postMessage(batch);
    }),
  );
}

/**
 * Creates `file` with `text`, or rewrites it only when its content differs (as the worker threads do).
 * Callback fs calls, one promise per file: the promise API's FileHandle and three awaited steps per file cost
 * the main thread about 45 µs a file (90 ms for the first 2,000 files of a compile), this about 12.
 */
function writeIfChanged(file: string, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    writeFile(file, text, { flag: 'wx' }, (err) => {
      if (!err) return resolve();
      if (err.code !== 'EEXIST') return reject(err);
      readFile(file, 'utf8', (readErr, old) => {
        if (readErr) return reject(readErr);
        if (old === text) return resolve();
        writeFile(file, text, (writeErr) => (writeErr ? reject(writeErr) : resolve()));
      });
    });
  });
}

function hashDir(dir: string): number {
  let h = 0;
  for (let i = 0; i < dir.length; i++) h = (h * 31 + dir.charCodeAt(i)) | 0;
  return Math.abs(h);
}

/** Starts writing a node's SQL to target/<kind>/<package>/<original path> (dbt's layout); no-op without a target dir. Returns the file path; the write completes by flushSqlArtifacts. */
export function writeSqlArtifact(targetDir: string | null, kind: 'compiled' | 'run', node: ManifestNode, sql: string): string | null {
  if (!targetDir) return null;
  const file = join(targetDir, sqlArtifactPath(kind, node));
  let run = pending.get(targetDir);
  if (!run) pending.set(targetDir, (run = { dirs: new Map(), writes: [], errors: [], count: 0, workers: null, scheduled: false }));
  const text = sql.endsWith('\n') ? sql : `${sql}\n`;
  const dir = dirname(file);
  run.count++;
  if (run.count <= artifactWriting.workerAfter) {
    let made = run.dirs.get(dir);
    if (!made) run.dirs.set(dir, (made = mkdir(dir, { recursive: true })));
    const errors = run.errors;
    // Failures are collected here (not left as unhandled rejections) and raised by flushSqlArtifacts.
    const write = made.then(() => writeIfChanged(file, text));
    run.writes.push(write.catch((err: unknown) => void errors.push(err)));
    return file;
  }
  const workers = (run.workers ??= startWorkers());
  // Directories the pool path may still be creating are waited for by routing those files through it.
  const poolDir = run.dirs.get(dir);
  if (poolDir) {
    const errors = run.errors;
    run.writes.push(poolDir.then(() => writeIfChanged(file, text)).catch((err: unknown) => void errors.push(err)));
    return file;
  }
  const slot = workers[hashDir(dir) % workers.length]!;
  slot.batch.push(file, dir, text);
  if (slot.batch.length >= BATCH * 3) postBatch(run, slot);
  else if (!run.scheduled) {
    run.scheduled = true;
    const r = run;
    setImmediate(() => {
      r.scheduled = false;
      for (const s of r.workers ?? []) postBatch(r, s);
    });
  }
  return file;
}

/** Waits until every SQL artifact started under targetDir is on disk; rejects with the first failed write. */
export async function flushSqlArtifacts(targetDir: string | null): Promise<void> {
  if (!targetDir) return;
  const run = pending.get(targetDir);
  if (!run) return;
  pending.delete(targetDir);
  for (const s of run.workers ?? []) postBatch(run, s);
  try {
    // A batch posted while waiting (none should be) is awaited too.
    for (let seen = 0; seen < run.writes.length; ) {
      const upTo = run.writes.length;
      await Promise.all(run.writes.slice(seen, upTo));
      seen = upTo;
    }
  } finally {
    await Promise.all((run.workers ?? []).map((s) => s.worker.terminate()));
  }
  if (run.errors.length > 0) throw run.errors[0];
}
