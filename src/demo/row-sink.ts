import { createWriteStream, type WriteStream } from 'node:fs';
import { createHash, type Hash } from 'node:crypto';
import { once } from 'node:events';
import type { Writable } from 'node:stream';

/** Where generated lines go: a COPY stream, a file, a hash. Lines include their trailing newline. */
export interface RowSink {
  write(line: string): Promise<void> | void;
  end(): Promise<void>;
  /** Lines written so far. */
  readonly rows: number;
}

/** A sink over any Writable, buffering lines into ~256 KB chunks and honouring backpressure. */
export class StreamSink implements RowSink {
  private buffer: string[] = [];
  private size = 0;
  rows = 0;

  constructor(private readonly stream: Writable) {}

  write(line: string): Promise<void> | void {
    this.buffer.push(line);
    this.size += line.length;
    this.rows++;
    if (this.size >= 262_144) return this.flush();
  }

  private async flush(): Promise<void> {
    if (this.buffer.length === 0) return;
    const chunk = this.buffer.join('');
    this.buffer = [];
    this.size = 0;
    if (!this.stream.write(chunk)) await once(this.stream, 'drain');
  }

  async end(): Promise<void> {
    await this.flush();
    const done = once(this.stream, 'finish');
    this.stream.end();
    await done;
  }
}

/** A sink writing to a file (created or truncated). */
export function fileSink(path: string): StreamSink {
  return new StreamSink(createWriteStream(path) as WriteStream);
}

/** A sink that only hashes what it receives (sha256); for determinism checks and benchmarks. */
export class HashSink implements RowSink {
  private readonly hash: Hash = createHash('sha256');
  rows = 0;
  bytes = 0;
  write(line: string): void {
    this.hash.update(line);
    this.rows++;
    this.bytes += line.length;
  }
  async end(): Promise<void> {}
  /** Hex digest of everything written. */
  digest(): string {
    return this.hash.copy().digest('hex');
  }
}
