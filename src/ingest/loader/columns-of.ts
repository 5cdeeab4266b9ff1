import type { ColumnInfo, RelationName, Warehouse } from '../../warehouse/index.js';

/**
 * Columns of a relation as the running connection sees them (inside a transaction this includes
 * uncommitted tables), or null when it does not exist.
 */
export async function columnsOf(wh: Warehouse, rel: RelationName): Promise<ColumnInfo[] | null> {
  const existing = await wh.getRelation(rel);
  if (!existing) return null;
  const result = await wh.query(`SELECT * FROM ${wh.dialect.relation(rel)} LIMIT 0`);
  return result.columns;
}
