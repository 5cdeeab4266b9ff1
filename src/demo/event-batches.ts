// Does: writes a day's 24 hourly clickstream batches (`events/<day>/events-<day>T<hh>.jsonl`) of the landing
// folder, in this thread or, for `demo init`, in a worker thread (event-batches-worker.ts) so the batches
// are generated beside the orders, customers and Stripe objects. Both write the same bytes.
// Does not: write inventory or shipments (landing-folder.ts).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { MercatorError } from '../errors/index.js';
import { isoDay } from './calendar-shape.js';
import { writeLinesAtomic } from './atomic-file.js';
import { generateHourEvents } from './generate-events.js';
import type { Catalogue } from './generate-products.js';
import type { OrderRow } from './generate-orders.js';

/** What every batch of one landing folder shares. */
export interface EventBatchSpec {
  dir: string;
  seed: number;
  eventsPerDay: number;
  catalogue: Catalogue;
  customerCount: number;
}

/** Messages to and from the worker. */
export type EventBatchRequest = { type: 'day'; dayMs: number; orders: readonly OrderRow[] } | { type: 'end' };
export type EventBatchReply = { type: 'done' } | { type: 'failed'; message: string };

/** The files of one day, relative to the landing folder, in hour order. */
export function eventBatchFiles(dayMs: number): string[] {
  const day = isoDay(dayMs);
  return Array.from({ length: 24 }, (_, h) => join('events', day, `events-${day}T${String(h).padStart(2, '0')}.jsonl`));
}

/** Writes one day's 24 hourly batches, linked to the day's orders (purchase events carry their ids). */
export function writeEventBatches(spec: EventBatchSpec, dayMs: number, orders: readonly OrderRow[]): void {
  const byHour: OrderRow[][] = Array.from({ length: 24 }, () => []);
  for (const o of orders) byHour[new Date(o.createdAtMs).getUTCHours()]!.push(o);
  const files = eventBatchFiles(dayMs);
  for (let h = 0; h < 24; h++) {
    const events = generateHourEvents(spec.seed, dayMs, h, byHour[h]!, spec.eventsPerDay, spec.catalogue, spec.customerCount);
    writeLinesAtomic(join(spec.dir, files[h]!), events);
  }
}

const WORKER = new URL('./event-batches-worker.js', import.meta.url);

/** Writes batches in this thread, or hands them to a worker thread when the built worker file is present. */
export class EventBatchWriter {
  private readonly worker: Worker | undefined;
  private readonly finished: Promise<void> | undefined;

  constructor(private readonly spec: EventBatchSpec, inWorker: boolean) {
    if (!inWorker || !existsSync(fileURLToPath(WORKER))) return;
    // A larger young generation: the batches are many short strings, and the default size spent a third of the time in scavenges.
    const worker = new Worker(WORKER, { workerData: spec, resourceLimits: { maxYoungGenerationSizeMb: 96 } });
    this.worker = worker;
    this.finished = new Promise<void>((resolve, reject) => {
      worker.on('message', (m: EventBatchReply) => (m.type === 'done' ? resolve() : reject(this.failure(m.message))));
      worker.on('error', (err) => reject(this.failure(err.message, err)));
      worker.on('exit', (code) => reject(this.failure(`the batch thread stopped (exit code ${code})`)));
    });
    this.finished.catch(() => undefined); // raised by finish()
  }

  /** Writes (or queues) one day's batches. */
  write(dayMs: number, orders: readonly OrderRow[]): void {
    if (this.worker) {
      this.worker.postMessage({ type: 'day', dayMs, orders } satisfies EventBatchRequest);
      return;
    }
    try {
      writeEventBatches(this.spec, dayMs, orders);
    } catch (err) {
      throw this.failure(err instanceof Error ? err.message : String(err), err);
    }
  }

  private failure(detail: string, cause?: unknown): MercatorError {
    return new MercatorError('DEMO_FILES_WRITE', { what: 'clickstream batches', dir: this.spec.dir, detail }, { cause });
  }

  /** Resolves when every queued batch is on disk; raises a failure of the worker. */
  async finish(): Promise<void> {
    if (!this.worker) return;
    this.worker.postMessage({ type: 'end' } satisfies EventBatchRequest);
    try {
      await this.finished;
    } finally {
      await this.worker.terminate();
    }
  }
}
