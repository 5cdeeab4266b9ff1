// Does: streams `COPY (SELECT …) TO STDOUT (FORMAT csv)` into a file, reporting bytes and lines as they pass.
// Does not: parse rows; bytes go from the socket to the file unchanged.
import { createWriteStream } from 'node:fs';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';

/** Progress of one COPY: bytes written and newline count (rows, give or take quoted newlines). */
export interface CopyProgress {
  bytes: number;
  lines: number;
}

/** Runs `COPY (<select>) TO STDOUT WITH (FORMAT csv, HEADER true)` into `file`; resolves to bytes written. */
export async function copyQueryToFile(client: pg.Client, selectSql: string, file: string, onProgress?: (p: CopyProgress) => void): Promise<number> {
  const progress: CopyProgress = { bytes: 0, lines: 0 };
  const meter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      progress.bytes += chunk.length;
      for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) progress.lines++;
      onProgress?.(progress);
      done(null, chunk);
    },
  });
  const copy = client.query(copyTo(`COPY (${selectSql}) TO STDOUT WITH (FORMAT csv, HEADER true)`));
  await pipeline(copy, meter, createWriteStream(file));
  return progress.bytes;
}
