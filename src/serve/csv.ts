// Does: writes API rows as CSV (RFC 4180) with a header row of column names.
// Does not: localize numbers: values are written as the JSON answer holds them, so both agree.

/** One CSV field: quoted when it holds a comma, quote or line break; text a spreadsheet would run as a formula gets a leading `'`. */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text = typeof value === 'string' ? value : String(value);
  if (typeof value === 'string' && /^[=+@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The table as CSV text, lines ending in CRLF. */
export function toCsv(columns: readonly { name: string }[], rows: readonly (readonly unknown[])[]): string {
  const lines = [columns.map((c) => csvField(c.name)).join(',')];
  for (const row of rows) lines.push(row.map(csvField).join(','));
  return lines.join('\r\n') + '\r\n';
}
