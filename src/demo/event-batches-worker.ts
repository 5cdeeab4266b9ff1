// Does: the body of the worker thread EventBatchWriter starts: writes each posted day's clickstream batches,
// then answers `done` to `end` (or `failed` with the reason).
import { parentPort, workerData } from 'node:worker_threads';
import { writeEventBatches, type EventBatchReply, type EventBatchRequest, type EventBatchSpec } from './event-batches.js';

const spec = workerData as EventBatchSpec;
let failed = false;
parentPort!.on('message', (m: EventBatchRequest) => {
  if (failed) return;
  try {
    if (m.type === 'day') writeEventBatches(spec, m.dayMs, m.orders);
    else parentPort!.postMessage({ type: 'done' } satisfies EventBatchReply);
  } catch (err) {
    failed = true;
    parentPort!.postMessage({ type: 'failed', message: err instanceof Error ? err.message : String(err) } satisfies EventBatchReply);
  }
});
