// Does: runs extract.ts for one Stripe object type in a worker thread and resolves with its StripeExtract;
// a failure comes back as the same coded error. Available when the connector runs as built JavaScript;
// from TypeScript sources (the test runner) `extractWorkerAvailable()` is false and callers extract in-thread.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { MercatorError, type ErrorCode } from '../../errors/index.js';
import type { StripeExtract } from './extract.js';
import type { ResolvedStripeSource, StripeStream } from './resolve.js';

/** What a worker is asked to extract. */
export interface ExtractJob {
  source: ResolvedStripeSource;
  stream: StripeStream;
  before: string | null;
  workDir: string;
  /** This worker's share of the source's request rate. */
  maxRequestsPerSecond: number;
}

/** Messages a worker posts. */
export type ExtractMessage =
  | { type: 'progress'; objects: number }
  | { type: 'done'; extract: StripeExtract }
  | { type: 'failed'; error: { code?: string; params?: Record<string, unknown>; message: string; cause?: string } };

const WORKER = new URL('./extract-worker.js', import.meta.url);

/** True when the worker's compiled file is next to this one. */
export function extractWorkerAvailable(): boolean {
  return existsSync(fileURLToPath(WORKER));
}

/** Extracts `job.stream` in a new worker thread; `onProgress` gets the running object count. */
export function extractInWorker(job: ExtractJob, onProgress?: (objects: number) => void): { result: Promise<StripeExtract>; stop: () => Promise<void> } {
  // A larger young generation: the worker allocates a page of parsed objects and their JSON text per request,
  // and with the default size it spent about a fifth of its time in scavenges.
  const worker = new Worker(WORKER, { workerData: job, resourceLimits: { maxYoungGenerationSizeMb: 96 } });
  const result = new Promise<StripeExtract>((resolve, reject) => {
    let settled = false;
    worker.on('message', (m: ExtractMessage) => {
      if (m.type === 'progress') onProgress?.(m.objects);
      else if (m.type === 'done') {
        settled = true;
        resolve(m.extract);
      } else {
        settled = true;
        const cause = m.error.cause === undefined ? undefined : new Error(m.error.cause);
        reject(m.error.code ? new MercatorError(m.error.code as ErrorCode, m.error.params, { cause }) : new Error(m.error.message));
      }
    });
    worker.on('error', (err) => {
      settled = true;
      reject(new MercatorError('INGEST_EXTRACT_FAILED', { source: job.source.name, stream: job.stream, detail: err.message }, { cause: err }));
    });
    worker.on('exit', (code) => {
      if (!settled) reject(new MercatorError('INGEST_EXTRACT_FAILED', { source: job.source.name, stream: job.stream, detail: `the extract thread stopped (exit code ${code})` }));
    });
  });
  return { result, stop: async () => void (await worker.terminate()) };
}
