/** Parses CSV text (RFC 4180 quoting, CRLF or LF, BOM dropped) into rows of strings; `quoted[r][c]` marks quoted fields. */
export function parseCsv(text: string, delimiter = ','): { rows: string[][]; quoted: boolean[][] } {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const rows: string[][] = [];
  const quoted: boolean[][] = [];
  let row: string[] = [];
  let rowQuoted: boolean[] = [];
  let field = '';
  let isQuoted = false;
  let inQuotes = false;
  const endField = (): void => {
    row.push(field);
    rowQuoted.push(isQuoted);
    field = '';
    isQuoted = false;
  };
  const endRow = (): void => {
    endField();
    if (!(row.length === 1 && row[0] === '' && !rowQuoted[0])) (rows.push(row), quoted.push(rowQuoted));
    row = [];
    rowQuoted = [];
  };
  for (let i = 0; i < src.length; i++) {
    const ch = src[i]!;
    if (inQuotes) {
      if (ch === '"' && src[i + 1] === '"') (field += '"', i++);
      else if (ch === '"') inQuotes = false;
      else field += ch;
    } else if (ch === '"' && field === '') (inQuotes = true, isQuoted = true);
    else if (ch === delimiter) endField();
    else if (ch === '\n') endRow();
    else if (ch === '\r') {
      if (src[i + 1] !== '\n') endRow();
    } else field += ch;
  }
  if (field !== '' || row.length > 0) endRow();
  return { rows, quoted };
}
