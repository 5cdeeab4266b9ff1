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
