import { MercatorError, isMercatorError, type ErrorLocation } from '../errors/index.js';
import { sqlExcerpt } from './sql-excerpt.js';

/** An engine error as WAREHOUSE_QUERY_FAILED with the failing SQL, where it came from and the cause; MercatorErrors pass through unchanged. */
export function wrapEngineError(
  err: unknown,
  type: string,
  sql: string,
  location: Omit<ErrorLocation, 'sql'> = {},
): MercatorError {
  if (isMercatorError(err)) return err;
  return new MercatorError(
    'WAREHOUSE_QUERY_FAILED',
    { type, detail: engineMessage(err), sql: sqlExcerpt(sql) },
    { cause: err, location: { ...location, sql } },
  );
}

/** The engine's message without trailing whitespace, for embedding in a MercatorError message. */
export function engineMessage(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).trimEnd();
}
