import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MercatorError } from '../../errors/index.js';
import type { Warehouse } from '../../warehouse/warehouse.js';
import { nodeRelation } from '../compile/node-relation.js';
import type { ManifestNode } from '../project/node-types.js';
import { SEED_SQL_TYPE, inferSeedType, isSeedNull } from './infer-seed-types.js';
import { parseCsv } from './parse-csv.js';

const CHUNK = 500;
/** Seeds with more rows than this load through the engine's CSV reader instead of SQL literals. */
const BULK_AFTER = 100;

/** Loads a seed CSV into its table (replaced atomically), with inferred types unless `column_types` says otherwise. */
export async function loadSeed(wh: Warehouse, node: ManifestNode): Promise<number> {
  const delimiter = String(node.config.delimiter ?? ',');
  const { rows } = parseCsv(readFileSync(node.seedFile!, 'utf8'), delimiter);
  const header = rows[0];
  if (!header || header.length === 0) throw new MercatorError('TRANSFORM_SEED_INVALID', { file: node.originalFilePath, detail: 'the file is empty' });
  const body = rows.slice(1);
  body.forEach((r, i) => {
    if (r.length !== header.length) throw new MercatorError('TRANSFORM_SEED_INVALID', { file: node.originalFilePath, detail: `row ${i + 2} has ${r.length} fields, the header ${header.length}` });
  });
  const overrides = (node.config.column_types ?? {}) as Record<string, string>;
  const lowerOverrides = new Map(Object.entries(overrides).map(([k, v]) => [k.toLowerCase(), v]));
  const d = wh.dialect;
  const types = header.map((h, i) => lowerOverrides.get(h.toLowerCase()) ?? SEED_SQL_TYPE[inferSeedType(body.map((r) => r[i]!))]);
  const quoteColumns = node.config.quote_columns !== false;
  const col = (h: string): string => (quoteColumns || !/^[a-z_][a-z0-9_]*$/i.test(h) ? d.quoteIdentifier(h) : h);
  const literal = (v: string, i: number): string => (isSeedNull(v) ? `cast(null as ${types[i]})` : `cast(${d.quoteLiteral(v)} as ${types[i]})`);
  const selectOf = (chunk: string[][]): string =>
    chunk.length === 0
      ? `select ${header.map((h, i) => `cast(null as ${types[i]}) as ${col(h)}`).join(', ')} where 1 = 0`
      : chunk.map((r) => `select ${r.map((v, i) => `${literal(v, i)} as ${col(header[i]!)}`).join(', ')}`).join('\nunion all\n');
  const target = nodeRelation(d, node).toRelationName();
  await wh.ensureSchema(target.schema);
  if (body.length > BULK_AFTER && wh.capabilities.bulkFormats.includes('csv')) {
    // Bulk: the rows as parsed here (dbt's CSV reading and NULLs) go to a canonical CSV the engine reads as text,
    // and each column is cast to the type inferred above, as the literals would have been.
    const dir = mkdtempSync(join(tmpdir(), 'mercator-seed-'));
    try {
      const file = join(dir, 'seed.csv');
      const names = header.map((_, i) => `c${i}`);
      const field = (v: string): string => (isSeedNull(v) ? '' : `"${v.replaceAll('"', '""')}"`);
      writeFileSync(file, [names.join(','), ...body.map((r) => r.map(field).join(','))].join('\n') + '\n');
      const reader = d.fileReader({ files: [file], format: 'csv', options: { header: true, delim: ',', quote: '"', escape: '"', columns: Object.fromEntries(names.map((n) => [n, 'VARCHAR'])) } });
      const select = `select ${header.map((h, i) => `cast(${names[i]} as ${types[i]}) as ${col(h)}`).join(', ')} from ${reader}`;
      const loaded = await wh.replaceTable(target, select);
      if (loaded !== body.length) throw new MercatorError('TRANSFORM_SEED_INVALID', { file: node.originalFilePath, detail: `${body.length} rows parsed but ${loaded} loaded` });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    return body.length;
  }
  await wh.replaceTable(target, selectOf(body.slice(0, CHUNK)));
  for (let start = CHUNK; start < body.length; start += CHUNK) {
    await wh.run(`insert into ${d.relation(target)} ${selectOf(body.slice(start, start + CHUNK))}`);
  }
  return body.length;
}
