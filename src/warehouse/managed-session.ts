import type { DriverConnection } from './warehouse-driver.js';
import { SerialQueue } from './serial-queue.js';

/** One driver connection with its statement queue; shared by a warehouse and its `withLocation` views. */
export class ManagedSession {
  readonly queue = new SerialQueue();
  closed = false;
  /** Set when close() starts: new statements are refused, queued ones still run. */
  closing = false;
  /** Transactions started from this session on their own connections; close() waits for them. */
  readonly transactions = new Set<Promise<unknown>>();

  constructor(
    readonly connection: DriverConnection,
    /** True for the dedicated connection of a transaction. */
    readonly inTransaction: boolean,
  ) {}

  /** Waits for queued statements and running transactions, then closes the connection. Idempotent. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closing = true;
    await Promise.allSettled([...this.transactions]);
    await this.queue.drain();
    this.closed = true;
    await this.connection.close();
  }
}
