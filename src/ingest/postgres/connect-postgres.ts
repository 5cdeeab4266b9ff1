// Does: opens a pg client from resolved credentials and turns connection failures into coded errors.
// Does not: read the environment; credentials arrive resolved.
import pg from 'pg';
import { MercatorError } from '../../errors/index.js';
import type { ResolvedPostgresSource } from './resolve.js';

const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'ETIMEDOUT', 'EHOSTUNREACH', 'ECONNRESET', 'EAI_AGAIN', '3D000', '57P03']);
const BAD_CREDENTIALS = new Set(['28P01', '28000']);

/** The error code of a pg or socket error (an AggregateError from dual-stack connects carries it on its members). */
function codeOf(err: unknown): string | undefined {
  const e = err as { code?: unknown; errors?: unknown[] };
  if (typeof e?.code === 'string') return e.code;
  return e?.errors?.map(codeOf).find((c) => c !== undefined);
}

/** Message of an error, falling back to its members' messages. */
function messageOf(err: unknown): string {
  const e = err as { message?: unknown; errors?: unknown[] };
  if (typeof e?.message === 'string' && e.message) return e.message;
  return e?.errors?.map(messageOf).join('; ') || String(err);
}

/** Connects (UTC session, so timestamptz text is stable); INGEST_SOURCE_UNREACHABLE / INGEST_AUTH_FAILED on failure. */
export async function connectPostgres(source: ResolvedPostgresSource): Promise<pg.Client> {
  const c = source.credentials;
  const client = new pg.Client(
    c.connectionString
      ? { connectionString: c.connectionString, connectionTimeoutMillis: 10_000 }
      : { host: c.host, port: c.port, database: c.database, user: c.user, password: c.password ?? '', connectionTimeoutMillis: 10_000 },
  );
  // A dropped connection later surfaces on the running query; without a listener it would crash the process.
  client.on('error', () => {});
  try {
    await client.connect();
    await client.query(`SET TimeZone = 'UTC'; SET DateStyle = 'ISO, YMD'; SET extra_float_digits = 3`);
    return client;
  } catch (err) {
    await client.end().catch(() => undefined); // the connect error is the one to report
    throw connectError(err, source);
  }
}

/** A connect failure as a coded error naming the server (never the password). */
export function connectError(err: unknown, source: ResolvedPostgresSource): MercatorError {
  const code = codeOf(err);
  const detail = messageOf(err);
  if (code && BAD_CREDENTIALS.has(code) || /password authentication failed|SASL|no password/i.test(detail)) {
    return new MercatorError('INGEST_AUTH_FAILED', { source: source.name, target: source.target, user: source.credentials.user, detail }, { cause: err });
  }
  if ((code && UNREACHABLE.has(code)) || /timeout|connect/i.test(detail)) {
    return new MercatorError('INGEST_SOURCE_UNREACHABLE', { source: source.name, target: source.target, detail: code ? `${detail} (${code})` : detail }, { cause: err });
  }
  return new MercatorError('INGEST_SOURCE_UNREACHABLE', { source: source.name, target: source.target, detail }, { cause: err });
}
