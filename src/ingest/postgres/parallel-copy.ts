// Does: copies one table in several page (ctid) ranges at once over extra connections that share the
// exporting transaction's snapshot, so the parts together are exactly one consistent read.
// Does not: parse rows; each part is a COPY into its own file.
import { join } from 'node:path';
import type pg from 'pg';
import { copyQueryToFile, type CopyProgress } from './copy-to-file.js';

/** What to copy and where. */
export interface ParallelCopySpec {
  /** `SELECT <columns> FROM <table>` without a WHERE clause. */
  select: string;
  /** The table, for its size in pages. */
  qualified: string;
  parts: number;
  workDir: string;
  baseName: string;
  onProgress?: (progress: CopyProgress) => void;
  /** Tables smaller than this many pages are not split (default PARALLEL_MIN_PAGES). */
  minPages?: number;
}

/** Below this many pages (8 KB each) one COPY is as fast as several. */
export const PARALLEL_MIN_PAGES = 4096;

/**
 * Runs inside `client`'s open REPEATABLE READ transaction: exports its snapshot, splits the table's
 * pages into `parts` ranges and copies each over a new connection from `connect`. Returns null when the
 * table is too small to be worth splitting (the caller copies it in one go).
 */
export async function copyTableInParallel(client: pg.Client, connect: () => Promise<pg.Client>, spec: ParallelCopySpec): Promise<{ files: string[]; bytes: number } | null> {
  const size = await client.query<{ pages: string }>(
    `SELECT (pg_relation_size(to_regclass($1)) / current_setting('block_size')::bigint)::text AS pages`, [spec.qualified],
  );
  const pages = Number(size.rows[0]?.pages ?? 0);
  if (spec.parts < 2 || pages < (spec.minPages ?? PARALLEL_MIN_PAGES)) return null;
  const snapshot = (await client.query<{ id: string }>('SELECT pg_export_snapshot() AS id')).rows[0]!.id;
  const step = Math.ceil(pages / spec.parts);
  const totals: CopyProgress[] = [];
  const report = (): void => spec.onProgress?.(totals.reduce((sum, p) => ({ bytes: sum.bytes + p.bytes, lines: sum.lines + p.lines }), { bytes: 0, lines: 0 }));
  const parts = Array.from({ length: spec.parts }, (_, i) => {
    const from = `ctid >= '(${i * step},0)'::tid`;
    // The last range is open-ended: pages added since the size was read are still inside the snapshot's view.
    const to = i === spec.parts - 1 ? '' : ` AND ctid < '(${(i + 1) * step},0)'::tid`;
    return { where: `${from}${to}`, file: join(spec.workDir, `${spec.baseName}.part${i}.csv`) };
  });
  const copyPart = async (part: { where: string; file: string }, index: number): Promise<number> => {
    const worker = await connect();
    try {
      await worker.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      await worker.query(`SET TRANSACTION SNAPSHOT ${worker.escapeLiteral(snapshot)}`);
      const bytes = await copyQueryToFile(worker, `${spec.select} WHERE ${part.where}`, part.file, (p) => {
        totals[index] = { ...p };
        report();
      });
      await worker.query('COMMIT');
      return bytes;
    } finally {
      await worker.end().catch(() => undefined); // the copy's own outcome is what matters
    }
  };
  const bytes = await Promise.all(parts.map(copyPart));
  return { files: parts.map((p) => p.file), bytes: bytes.reduce((a, b) => a + b, 0) };
}
