import type { DriverConnection } from './warehouse-driver.js';
import { SerialQueue } from './serial-queue.js';

/** One driver connection with its statement queue; shared by a warehouse and its `withLocation` views. */
export class ManagedSession {
  readonly queue = new SerialQueue();
  closed = false;

  constructor(
    readonly connection: DriverConnection,
    /** True for the dedicated connection of a transaction. */
    readonly inTransaction: boolean,
  ) {}

  /** Waits for queued statements, then closes the connection. Idempotent. */
  async close(): Promise<void> {
    if (this.closed) return;
    await this.queue.drain();
    this.closed = true;
    await this.connection.close();
  }
}
