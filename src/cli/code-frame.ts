import { readFileSync } from 'node:fs';

/** The lines around `line` of a file with numbers and a caret under `column`; empty when unreadable. */
export function codeFrame(file: string, line: number, column?: number, context = 1): string {
  let lines: string[];
  try {
    lines = readFileSync(file, 'utf8').split(/\r?\n/);
  } catch {
    return ''; // the file may be gone or virtual; the message already names file and line
  }
  if (line < 1 || line > lines.length) return '';
  const first = Math.max(1, line - context);
  const last = Math.min(lines.length, line + context);
  const width = String(last).length;
  const out: string[] = [];
  for (let n = first; n <= last; n++) {
    const marker = n === line ? '>' : ' ';
    out.push(`  ${marker} ${String(n).padStart(width)} | ${lines[n - 1]}`);
    if (n === line && column && column > 0) out.push(`    ${' '.repeat(width)} | ${' '.repeat(column - 1)}^`);
  }
  return out.join('\n');
}
