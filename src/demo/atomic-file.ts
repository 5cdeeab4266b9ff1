import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** The hidden temporary name a file is written under before it is renamed into place. */
export function tempNameFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.tmp`);
}

/** Writes a file under a hidden temp name and renames it into place, so readers only ever see complete files. */
export function writeFileAtomic(path: string, data: string | Buffer): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = tempNameFor(path);
  writeFileSync(tmp, data);
  renameSync(tmp, path);
}

/** Reused by writeLinesAtomic; grows to the largest file written. */
let lineBuffer = Buffer.allocUnsafe(1 << 20);

/**
 * Writes `lines`, each ending in a newline, as writeFileAtomic does (no lines: one newline, as
 * `lines.join('\n') + '\n'` gave). The lines are encoded into one reused buffer: joining them into one string
 * and writing that made two fresh blocks of the file's size per file (the joined string and its UTF-8 copy),
 * and the page faults of that fresh memory cost more than the writing.
 */
export function writeLinesAtomic(path: string, lines: readonly string[]): void {
  let most = 1;
  for (const line of lines) most += line.length * 3 + 1; // UTF-8 takes at most 3 bytes per UTF-16 unit
  if (most > lineBuffer.length) lineBuffer = Buffer.allocUnsafe(Math.max(most, lineBuffer.length * 2));
  let offset = 0;
  for (const line of lines) {
    offset += lineBuffer.write(line, offset, 'utf8');
    lineBuffer[offset++] = 0x0a;
  }
  if (lines.length === 0) lineBuffer[offset++] = 0x0a;
  writeFileAtomic(path, lineBuffer.subarray(0, offset));
}
