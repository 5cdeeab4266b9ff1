// Does: appends text lines to a new file through one reused buffer and synchronous writes.
// Does not: decide what the lines hold (flat-json.ts does).
import { closeSync, openSync, writeSync } from 'node:fs';

/**
 * A file of lines, each encoded straight into one buffer that is written out when full and reused.
 * Joining a page of lines into one string and handing it to a write stream allocated two fresh
 * megabyte-sized blocks per page (the joined string and its UTF-8 copy): most of the extraction's
 * system time went to the page faults of that fresh memory.
 */
export class LineFile {
  private static readonly SIZE = 1 << 20;
  private buffer = Buffer.allocUnsafe(LineFile.SIZE);
  private offset = 0;
  private readonly fd: number;
  /** Lines added so far. */
  lines = 0;

  /** Creates (or truncates) `path`. */
  constructor(readonly path: string) {
    this.fd = openSync(path, 'w');
  }

  /** Adds `line` and a newline. */
  add(line: string): void {
    const most = line.length * 3 + 1; // UTF-8 takes at most 3 bytes per UTF-16 unit
    if (this.offset + most > this.buffer.length) {
      this.flush();
      if (most > this.buffer.length) this.buffer = Buffer.allocUnsafe(most);
    }
    this.offset += this.buffer.write(line, this.offset, 'utf8');
    this.buffer[this.offset++] = 0x0a;
    this.lines++;
  }

  /** Writes what the buffer holds. */
  private flush(): void {
    for (let done = 0; done < this.offset; ) done += writeSync(this.fd, this.buffer, done, this.offset - done);
    this.offset = 0;
  }

  /** Writes the rest and closes the file; closes it also when the last write fails. */
  close(): void {
    try {
      this.flush();
    } finally {
      closeSync(this.fd);
    }
  }
}
