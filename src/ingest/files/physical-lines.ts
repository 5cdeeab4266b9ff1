import { createReadStream } from 'node:fs';

/**
 * 1-based physical line numbers (as an editor shows them) of byte offsets in a file, by counting
 * newline bytes in one streaming pass; a reader's record numbers differ once a quoted value spans lines.
 */
export async function physicalLines(file: string, offsets: readonly number[]): Promise<Map<number, number>> {
  const wanted = [...new Set(offsets)].sort((a, b) => a - b);
  const result = new Map<number, number>();
  if (wanted.length === 0) return result;
  let next = 0;
  let newlines = 0;
  let base = 0;
  for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>) {
    const end = base + chunk.length;
    let scanned = 0;
    while (next < wanted.length && wanted[next]! < end) {
      const stop = wanted[next]! - base;
      for (let i = chunk.indexOf(10, scanned); i !== -1 && i < stop; i = chunk.indexOf(10, i + 1)) {
        newlines++;
        scanned = i + 1;
      }
      scanned = Math.max(scanned, stop);
      result.set(wanted[next]!, newlines + 1);
      next++;
    }
    for (let i = chunk.indexOf(10, scanned); i !== -1; i = chunk.indexOf(10, i + 1)) newlines++;
    base = end;
    if (next >= wanted.length) break;
  }
  return result;
}
