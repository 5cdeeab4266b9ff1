/** The SQL on one line, cut to `max` characters with an ellipsis, for error messages. */
export function sqlExcerpt(sql: string, max = 240): string {
  const flat = sql.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}
