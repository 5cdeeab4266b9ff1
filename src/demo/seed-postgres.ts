import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { MercatorError } from '../errors/index.js';
import { CONSTRAINTS_SQL, CREATE_TABLES_SQL, OLTP_TABLES } from './oltp-schema.js';
import { OLTP_COLUMNS } from './oltp-rows.js';
import { StreamSink, type RowSink } from './row-sink.js';

/** One COPY sink per OLTP table, each on its own connection so the server loads them in parallel. */
export type OltpSinks = Record<(typeof OLTP_TABLES)[number], RowSink>;

/** The URL of `database` on the same server as `url`. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

function loadError(url: string, cause: unknown): MercatorError {
  const safe = url.replace(/:[^:@/]*@/, ':***@');
  return new MercatorError('DEMO_POSTGRES_LOAD', { detail: cause instanceof Error ? cause.message : String(cause), url: safe }, { cause });
}

/** (Re)creates an empty database on the server at `serverUrl` and returns its URL. */
export async function recreateDatabase(serverUrl: string, database: string): Promise<string> {
  const client = new pg.Client({ connectionString: serverUrl });
  try {
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(database)} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`);
  } catch (cause) {
    throw loadError(serverUrl, cause);
  } finally {
    await client.end().catch(() => undefined);
  }
  return withDatabase(serverUrl, database);
}

/** Opens COPY FROM STDIN streams into `tables` of the database at `url`; `close` ends them and the connections. */
export async function openCopySinks<T extends string>(url: string, tables: readonly T[], columns: Record<T, readonly string[]>): Promise<{ sinks: Record<T, RowSink>; close(): Promise<void> }> {
  const clients: pg.Client[] = [];
  const sinks = {} as Record<T, RowSink>;
  const errors: unknown[] = [];
  try {
    for (const table of tables) {
      const client = new pg.Client({ connectionString: url });
      clients.push(client);
      await client.connect();
      const stream = client.query(copyFrom(`COPY ${table} (${columns[table].join(', ')}) FROM STDIN`));
      stream.on('error', (err) => errors.push(err));
      sinks[table] = new StreamSink(stream);
    }
  } catch (cause) {
    await Promise.all(clients.map((c) => c.end().catch(() => undefined)));
    throw loadError(url, cause);
  }
  return {
    sinks,
    async close() {
      try {
        await Promise.all(tables.map((t) => sinks[t].end()));
        if (errors.length) throw errors[0];
      } catch (cause) {
        throw loadError(url, cause);
      } finally {
        await Promise.all(clients.map((c) => c.end().catch(() => undefined)));
      }
    },
  };
}

/** Creates the OLTP tables, streams rows into them through `fill`, then adds keys, foreign keys and indexes while `whileIndexing` runs. */
export async function seedPostgres<T>(url: string, fill: (sinks: OltpSinks) => Promise<T>, whileIndexing?: (filled: T) => Promise<void>): Promise<T> {
  const admin = new pg.Client({ connectionString: url });
  try {
    await admin.connect();
    await admin.query(CREATE_TABLES_SQL);
  } catch (cause) {
    await admin.end().catch(() => undefined);
    throw loadError(url, cause);
  }
  try {
    const copy = await openCopySinks(url, OLTP_TABLES, OLTP_COLUMNS);
    let result: T;
    try {
      result = await fill(copy.sinks);
    } catch (err) {
      await copy.close().catch(() => undefined);
      throw err;
    }
    await copy.close();
    // Keys and indexes are built by the server; `whileIndexing` (files, state, other servers) runs meanwhile.
    const [indexed, other] = await Promise.allSettled([admin.query(CONSTRAINTS_SQL), whileIndexing?.(result)]);
    if (indexed.status === 'rejected') throw loadError(url, indexed.reason);
    if (other.status === 'rejected') throw other.reason;
    return result;
  } finally {
    await admin.end().catch(() => undefined);
  }
}
