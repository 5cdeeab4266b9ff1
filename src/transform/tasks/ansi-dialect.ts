import type { SqlDialect } from '../../warehouse/warehouse.js';

/** A plain double-quoting dialect for commands that parse without opening a warehouse (parse, ls). */
export const ansiDialect: SqlDialect = {
  quoteIdentifier: (name) => `"${name.replaceAll('"', '""')}"`,
  quoteLiteral: (v) => (v === null ? 'NULL' : typeof v === 'string' ? `'${v.replaceAll("'", "''")}'` : String(v)),
  relation: (rel) => [rel.database, rel.schema, rel.name].filter((p): p is string => Boolean(p)).map((p) => `"${p.replaceAll('"', '""')}"`).join('.'),
};
