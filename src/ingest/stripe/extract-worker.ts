// Does: the body of a worker thread that lists one Stripe object type into JSONL files (extract.ts), so the
// parsing and flattening of one type run beside the other types and the rest of the ingest.
// Does not: load; it posts progress, then the extract or the error, to the thread that started it.
import { parentPort, workerData } from 'node:worker_threads';
import { isMercatorError } from '../../errors/index.js';
import { extractStripeStream } from './extract.js';
import type { ExtractJob, ExtractMessage } from './extract-in-worker.js';
import { stripeClient } from './stripe-client.js';
import { StripeRequester } from './stripe-requester.js';

const job = workerData as ExtractJob;
const post = (message: ExtractMessage): void => parentPort!.postMessage(message);
const requester = new StripeRequester({ maxRetries: job.source.maxRetries, maxRequestsPerSecond: job.maxRequestsPerSecond });
try {
  const extract = await extractStripeStream(stripeClient(job.source), requester, job.source, job.stream, job.before, job.workDir, (objects) => post({ type: 'progress', objects }));
  post({ type: 'done', extract });
} catch (err) {
  const cause = (err as { cause?: unknown }).cause;
  post({
    type: 'failed',
    error: isMercatorError(err)
      ? { code: err.code, params: { ...err.params }, message: err.message, ...(cause instanceof Error ? { cause: cause.message } : {}) }
      : { message: err instanceof Error ? err.message : String(err) },
  });
}
