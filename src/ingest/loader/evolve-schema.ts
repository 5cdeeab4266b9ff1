// Does: brings a target table's columns up to a load's: adds new columns, widens types, records each change.
// Does not: drop or narrow columns; a column missing from a load is filled with NULL.
import type { ColumnInfo, RelationName, Warehouse } from '../../warehouse/index.js';
import type { SchemaChange } from './load-request.js';
import { normaliseType, widenType } from './widen-type.js';

/** Alters `target` so every staged column fits; returns the changes made (none when the shapes match). */
export async function evolveSchema(
  tx: Warehouse,
  target: RelationName,
  targetColumns: readonly ColumnInfo[],
  stagedColumns: readonly ColumnInfo[],
): Promise<SchemaChange[]> {
  const q = (name: string): string => tx.dialect.quoteIdentifier(name);
  const table = tx.dialect.relation(target);
  const existing = new Map(targetColumns.map((c) => [c.name.toLowerCase(), c] as const));
  const changes: SchemaChange[] = [];
  for (const column of stagedColumns) {
    const current = existing.get(column.name.toLowerCase());
    if (!current) {
      // A staged column that is all NULL has type "NULL" in some engines; text is the safe home for it.
      const type = normaliseType(column.type) === 'NULL' ? 'VARCHAR' : column.type;
      await tx.run(`ALTER TABLE ${table} ADD COLUMN ${q(column.name)} ${type}`);
      changes.push({ column: column.name, change: 'added', oldType: null, newType: type });
      continue;
    }
    const wider = widenType(current.type, column.type);
    if (wider !== normaliseType(current.type)) {
      await tx.run(`ALTER TABLE ${table} ALTER COLUMN ${q(current.name)} TYPE ${wider}`);
      changes.push({ column: current.name, change: 'widened', oldType: current.type, newType: wider });
    }
  }
  return changes;
}
