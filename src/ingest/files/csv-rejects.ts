// Does: moves the engine's CSV rejects into `_mercator.rejected_rows` with a reason a person understands,
// and fails a file in which no row could be read. Does not: decide what counts as bad (the reader does).
import { MercatorError } from '../../errors/index.js';
import type { Warehouse } from '../../warehouse/index.js';
import { METADATA_SCHEMA, type StageContext } from '../loader/index.js';
import { physicalLines } from './physical-lines.js';
import { FILE_COLUMN } from './type-mapping.js';

/** One CSV file of a load and the temporary tables its reader wrote rejects into. */
export interface CsvRejectsTarget {
  file: string;
  table: string;
  scan: string;
}

/** SQL turning the reader's error type and message into a plain sentence. */
function reasonSql(): string {
  const converted = `regexp_extract(r.error_message, 'Could not convert string "(.*)" to ''(.+)''', 1)`;
  const toType = `regexp_extract(r.error_message, 'Could not convert string "(.*)" to ''(.+)''', 2)`;
  const expected = `regexp_extract(r.error_message, 'Expected Number of Columns: (\\d+)', 1)`;
  const found = `regexp_extract(r.error_message, 'Found: (\\d+)', 1)`;
  return `CASE r.error_type
    WHEN 'CAST' THEN 'value "' || ${converted} || '" in column "' || r.column_name || '" is not a valid ' || ${toType}
    WHEN 'MISSING COLUMNS' THEN 'line has ' || ${found} || ' values but ' || ${expected} || ' columns are expected (value for "' || coalesce(r.column_name, '?') || '" missing)'
    WHEN 'TOO MANY COLUMNS' THEN 'line has ' || ${found} || ' values but ' || ${expected} || ' columns are expected (an unquoted delimiter inside a value?)'
    WHEN 'UNQUOTED VALUE' THEN 'a value has a quote that is not closed or not escaped by doubling it'
    WHEN 'LINE SIZE OVER MAXIMUM' THEN 'line is longer than the reader''s maximum line size'
    WHEN 'INVALID ENCODING' THEN 'bytes that are not valid UTF-8; if the file is latin-1, set encoding: latin-1'
    WHEN 'INVALID UNICODE' THEN 'bytes that are not valid UTF-8; if the file is latin-1, set encoding: latin-1'
    ELSE r.error_message END`;
}

/**
 * After staging: copies every reject of every file into `_mercator.rejected_rows` and returns the number
 * of rejected lines; throws INGEST_FILE_UNREADABLE for a file with rejects and not one good row.
 */
export async function collectCsvRejects(tx: Warehouse, context: StageContext, files: readonly CsvRejectsTarget[]): Promise<{ rejected: number }> {
  const q = (name: string): string => tx.dialect.quoteIdentifier(name);
  const lit = (value: string): string => tx.dialect.quoteLiteral(value);
  const target = tx.dialect.relation({ schema: METADATA_SCHEMA, name: 'rejected_rows' });
  const stage = tx.dialect.relation(context.stage);
  let rejected = 0;
  for (const f of files) {
    const positions = await tx.query(`SELECT DISTINCT line_byte_position AS p FROM ${q(f.table)}`);
    const lines = await physicalLines(f.file, positions.rows.map((row) => Number(row['p'])));
    // Integers only, so inlining them as a VALUES list is safe.
    const mapping = lines.size > 0 ? `(VALUES ${[...lines].map(([pos, line]) => `(${pos}, ${line})`).join(', ')}) AS m(pos, physical)` : '(SELECT NULL AS pos, NULL AS physical) AS m';
    await tx.run(
      `INSERT INTO ${target} (load_id, source, stream, file, line, column_name, reason, error_type, raw, recorded_at)
       SELECT ${lit(context.loadId)}, ${lit(context.source)}, ${lit(context.stream)}, ${lit(f.file)}, coalesce(m.physical, r.line), r.column_name,
              ${reasonSql()}, r.error_type, trim(r.csv_line, chr(13) || chr(10)), now()
       FROM ${q(f.table)} AS r LEFT JOIN ${mapping} ON m.pos = r.line_byte_position ORDER BY r.line`,
    );
    const counted = await tx.query(`SELECT count(DISTINCT line) AS n, min(error_message) AS first FROM ${q(f.table)}`);
    const bad = Number(counted.rows[0]?.['n'] ?? 0);
    rejected += bad;
    if (bad === 0) continue;
    const good = await tx.query(`SELECT count(*) AS n FROM ${stage} WHERE ${q(FILE_COLUMN)} = ${lit(f.file)}`);
    if (Number(good.rows[0]?.['n'] ?? 0) === 0) {
      throw new MercatorError('INGEST_FILE_UNREADABLE', {
        source: context.source, stream: context.stream, file: f.file,
        detail: `all ${bad} data line(s) were rejected; first: ${String(counted.rows[0]?.['first'] ?? '')}`,
      }, { location: { file: f.file } });
    }
  }
  return { rejected };
}
