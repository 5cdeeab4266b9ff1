/** Strips leading whitespace and SQL comments, returning the index where the statement starts. */
function statementStart(sql: string): number {
  let i = 0;
  for (;;) {
    while (i < sql.length && /\s/.test(sql[i]!)) i++;
    if (sql.startsWith('--', i)) {
      const end = sql.indexOf('\n', i);
      i = end < 0 ? sql.length : end + 1;
    } else if (sql.startsWith('/*', i)) {
      const end = sql.indexOf('*/', i);
      i = end < 0 ? sql.length : end + 2;
    } else return i;
  }
}

/**
 * Puts ephemeral models in front of a query as CTEs, the way dbt does: after the query's own `with`
 * when it has one (keeping its CTEs after ours), else as a new `with` clause.
 */
export function injectCtes(sql: string, ctes: ReadonlyArray<{ name: string; sql: string }>): string {
  if (ctes.length === 0) return sql;
  const defs = ctes.map((c) => `${c.name} as (\n${c.sql.replace(/[\s;]+$/, '')}\n)`).join(',\n');
  const start = statementStart(sql);
  const head = sql.slice(0, start);
  const rest = sql.slice(start);
  const withMatch = /^with(\s+recursive)?\s/i.exec(rest);
  if (withMatch) return `${head}${withMatch[0]}${defs},\n${rest.slice(withMatch[0].length)}`;
  return `${head}with ${defs}\n${rest}`;
}
