// Does: extracts one postgres table into a CSV file in one consistent snapshot and describes its load:
// incremental on a cursor with a lookback, full refresh, key sets for delete reconciliation.
// Does not: turn rows into JS objects; COPY bytes go to a file the warehouse reads natively.
import { join } from 'node:path';
import type pg from 'pg';
import { MercatorError, isMercatorError } from '../../errors/index.js';
import type { Warehouse } from '../../warehouse/index.js';
import { readCursor, type LoadRequest } from '../loader/index.js';
import { copyQueryToFile, type CopyProgress } from './copy-to-file.js';
import { introspectTable, type SourceTable } from './introspect-table.js';
import { copyTableInParallel } from './parallel-copy.js';
import type { ResolvedPostgresSource, ResolvedPostgresStream } from './resolve.js';
import { logicalTypeOf } from './type-mapping.js';

/** Options of one table extraction. */
export interface PostgresExtractOptions {
  /** Folder for the COPY files; the caller removes them after the load. */
  workDir: string;
  /** Opens another connection to the same server; enables parallel COPY of full reads of large tables. */
  connect?: () => Promise<pg.Client>;
  /** Ignore the stored cursor, read everything and replace the table. */
  fullRefresh?: boolean;
  onProgress?: (progress: CopyProgress) => void;
}

/** A table extracted to files, and the load that writes it. */
export interface PostgresExtract {
  load: LoadRequest;
  /** Files written; remove them once the load committed or failed. */
  files: string[];
}

/** Extracts one table in a REPEATABLE READ snapshot so the data, new cursor and key set agree. */
export async function extractPostgresStream(
  warehouse: Warehouse,
  client: pg.Client,
  source: ResolvedPostgresSource,
  stream: ResolvedPostgresStream,
  options: PostgresExtractOptions,
): Promise<PostgresExtract> {
  const table = await introspectTable(client, source, stream);
  const before = stream.cursor && !options.fullRefresh ? await readCursor(warehouse, source.name, stream.name) : null;
  const id = (name: string): string => client.escapeIdentifier(name);
  const qualified = `${id(source.sourceSchema)}.${id(stream.name)}`;
  const disposition = options.fullRefresh ? 'replace' : (stream.write_disposition ?? (stream.cursor ? 'merge' : 'replace'));
  // Appends cannot absorb re-read rows, so they read strictly after the cursor (and can miss late commits).
  const where = before === null || !stream.cursor ? ''
    : disposition === 'append' ? ` WHERE ${id(stream.cursor)} > CAST(${client.escapeLiteral(before)} AS ${cursorType(table, stream)})`
      : ` WHERE ${id(stream.cursor)} >= ${lowerBound(client, table, stream, before)}`;
  const dataFile = join(options.workDir, `${source.name}.${stream.name}.csv`);
  const keysFile = join(options.workDir, `${source.name}.${stream.name}.keys.csv`);
  const reconcile = stream.deletes === 'reconcile' && table.primaryKey.length > 0;
  let after: string | null = before;
  let bytes: number;
  let dataFiles = [dataFile];
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    if (stream.cursor) {
      const max = await client.query<{ max: string | null }>(`SELECT max(${id(stream.cursor)})::text AS max FROM ${qualified}`);
      after = max.rows[0]?.max ?? before;
    }
    const columns = table.columns.map((c) => id(c.name)).join(', ');
    const select = `SELECT ${columns} FROM ${qualified}`;
    const parallel = where === '' && options.connect
      ? await copyTableInParallel(client, options.connect, {
        select, qualified, parts: stream.parallel_copies, workDir: options.workDir, baseName: `${source.name}.${stream.name}`,
        ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      })
      : null;
    if (parallel) {
      dataFiles = parallel.files;
      bytes = parallel.bytes;
    } else bytes = await copyQueryToFile(client, `${select}${where}`, dataFile, options.onProgress);
    if (reconcile) await copyQueryToFile(client, `SELECT ${table.primaryKey.map(id).join(', ')} FROM ${qualified}`, keysFile);
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined); // the extraction error is the one to report
    if (isMercatorError(err)) throw err;
    throw new MercatorError('INGEST_EXTRACT_FAILED', { source: source.name, stream: stream.name, detail: err instanceof Error ? err.message : String(err) }, { cause: err });
  }
  const reader = (files: string[], cols: SourceTable['columns']): string =>
    warehouse.dialect.fileReader({ files, format: 'csv', options: csvOptions(warehouse, cols) });
  const load: LoadRequest = {
    source: source.name,
    stream: stream.name,
    target: { schema: source.schema, name: stream.table },
    disposition,
    primaryKey: table.primaryKey,
    keysUnique: table.keyIsConstraint,
    ...(stream.cursor ? { dedupOrder: stream.cursor, cursor: { before, after } } : {}),
    input: { from: reader(dataFiles, table.columns) },
    bytes,
    resetState: Boolean(options.fullRefresh),
    ...(reconcile && disposition !== 'replace'
      ? { deletes: { keys: reader([keysFile], table.columns.filter((c) => table.primaryKey.includes(c.name))) } }
      : {}),
  };
  return { load, files: reconcile ? [...dataFiles, keysFile] : dataFiles };
}

/** `CAST('<cursor>' AS <type>) - <lookback>`: the cursor text is used exactly as PostgreSQL printed it. */
function lowerBound(client: pg.Client, table: SourceTable, stream: ResolvedPostgresStream, before: string): string {
  const type = cursorType(table, stream);
  const value = `CAST(${client.escapeLiteral(before)} AS ${type})`;
  if (typeof stream.lookback === 'number') return stream.lookback === 0 ? value : `${value} - ${stream.lookback}`;
  return /^(date|timestamp|time)/.test(type) ? `${value} - INTERVAL ${client.escapeLiteral(stream.lookback)}` : value;
}

/** PostgreSQL type of the stream's cursor column (checked to exist by introspection). */
function cursorType(table: SourceTable, stream: ResolvedPostgresStream): string {
  return table.columns.find((c) => c.name === stream.cursor)!.pgType;
}

/** CSV reader options matching COPY's output: typed columns, and `""` kept as an empty string rather than NULL. */
function csvOptions(warehouse: Warehouse, columns: SourceTable['columns']): Record<string, unknown> {
  return {
    header: true,
    delim: ',',
    quote: '"',
    escape: '"',
    allow_quoted_nulls: false,
    columns: Object.fromEntries(columns.map((c) => [c.name, warehouse.dialect.typeName(logicalTypeOf(c.pgType))])),
  };
}
