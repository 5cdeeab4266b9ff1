import { ManagedSession } from './managed-session.js';
import type { DriverConnection } from './warehouse-driver.js';

/**
 * What every handle of one opened warehouse shares (the root, its `withLocation` views, its transactions): idle
 * connections lent by `onOwnConnection`, and the scratch schemas already created.
 */
export class SessionPool {
  private readonly idle: ManagedSession[] = [];
  private closed = false;
  /** Scratch schemas created so far, by name: each is created once, however many connections ask at once. */
  readonly scratchSchemas = new Map<string, Promise<void>>();

  /** An idle session, or a new one on a connection from `connect`. */
  async borrow(connect: () => Promise<DriverConnection>): Promise<ManagedSession> {
    return this.idle.pop() ?? new ManagedSession(await connect(), false);
  }

  /** Takes a lent session back for the next borrower; after close() it is closed instead. */
  async giveBack(session: ManagedSession): Promise<void> {
    if (this.closed) await session.close();
    else this.idle.push(session);
  }

  /** Closes the idle sessions; sessions still lent are closed when given back. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.idle.splice(0).map((s) => s.close()));
  }
}
