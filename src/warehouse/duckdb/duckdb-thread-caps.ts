// Does: caps a shared DuckDB instance's worker threads (`SET threads`, which is the instance's, not a
// connection's) for several holders at once: the lowest cap holds, the opened count returns after the last.
// Does not: decide when to cap (ingest-stripe.ts does) or open the instance (duckdb-instance-cache.ts does).
import type { DuckDBInstance } from '@duckdb/node-api';

interface Cap {
  threads: number;
  /** The instance handle that asked, so its caps go when it is released. */
  owner: object;
}

/** The thread caps of one instance; every change runs after the previous one. */
export class DuckdbThreadCaps {
  private readonly caps: Cap[] = [];
  private openedThreads = 0;
  private changing: Promise<unknown> = Promise.resolve();

  constructor(private readonly instance: () => Promise<DuckDBInstance>) {}

  /** Caps the threads at `threads` (at least 1) for `owner` until the returned release is called. */
  cap(owner: object, threads: number): Promise<() => Promise<void>> {
    const cap: Cap = { threads: Math.max(1, Math.floor(threads)), owner };
    return this.oneAtATime(async () => {
      if (this.caps.length === 0) this.openedThreads = await this.readThreads();
      this.caps.push(cap);
      await this.apply();
      let released = false;
      return () => {
        if (released) return Promise.resolve();
        released = true;
        return this.oneAtATime(async () => {
          const at = this.caps.indexOf(cap);
          if (at < 0) return; // dropped with its owner or the instance, which gave the threads back
          this.caps.splice(at, 1);
          await this.apply();
        });
      };
    });
  }

  /** Drops every cap `owner` holds (it is being released while others still use the instance). */
  dropOwner(owner: object): Promise<void> {
    return this.oneAtATime(async () => {
      const before = this.caps.length;
      for (let i = this.caps.length - 1; i >= 0; i--) if (this.caps[i]!.owner === owner) this.caps.splice(i, 1);
      if (this.caps.length !== before) await this.apply();
    });
  }

  /** Forgets every cap: the instance is closed, so a later release has nothing to give back. */
  forgetAll(): void {
    this.caps.length = 0;
  }

  private oneAtATime<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.changing.then(fn);
    this.changing = run.catch(() => undefined);
    return run;
  }

  private apply(): Promise<void> {
    const threads = this.caps.length > 0 ? Math.min(...this.caps.map((c) => c.threads)) : this.openedThreads;
    return this.onConnection(async (connection) => void (await connection.run(`SET threads = ${threads}`)));
  }

  private readThreads(): Promise<number> {
    return this.onConnection(async (connection) => Number((await connection.runAndReadAll(`SELECT current_setting('threads') AS n`)).getRowObjects()[0]?.['n']));
  }

  private async onConnection<T>(fn: (connection: Awaited<ReturnType<DuckDBInstance['connect']>>) => Promise<T>): Promise<T> {
    const connection = await (await this.instance()).connect();
    try {
      return await fn(connection);
    } finally {
      connection.closeSync();
    }
  }
}
