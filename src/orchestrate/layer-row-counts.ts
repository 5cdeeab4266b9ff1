// Does: counts the relations and rows of each warehouse layer (raw, staging, intermediate, marts, snapshots, seeds).
// Does not: decide what a layer holds; a layer is a schema name.
import type { Warehouse } from '../warehouse/index.js';

/** Relations and total rows of one schema. */
export interface LayerRows {
  layer: string;
  relations: number;
  rows: number;
}

/** The pipeline's layers in flow order. */
export const PIPELINE_LAYERS = ['raw', 'seeds', 'staging', 'intermediate', 'snapshots', 'marts'] as const;

const quote = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/** Rows per layer; a layer missing from the warehouse counts 0 relations and 0 rows. */
export async function layerRowCounts(warehouse: Warehouse, layers: readonly string[] = PIPELINE_LAYERS): Promise<LayerRows[]> {
  const out: LayerRows[] = [];
  for (const layer of layers) {
    const listed = await warehouse.queryJson(`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = '${layer.replace(/'/g, "''")}' ORDER BY table_name`);
    const names = listed.rows.map((r) => String(r['name']));
    let rows = 0;
    if (names.length > 0) {
      const counted = await warehouse.queryJson(names.map((n) => `SELECT count(*) AS n FROM ${quote(layer)}.${quote(n)}`).join(' UNION ALL '));
      rows = counted.rows.reduce((sum, r) => sum + Number(r['n']), 0);
    }
    out.push({ layer, relations: names.length, rows });
  }
  return out;
}
