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

/** A sink over any Writable: encodes lines into 1 MB buffers (no string joins, little garbage) and honours backpressure. */
export class StreamSink implements RowSink {
  private static readonly SIZE = 1 << 20;
  private buffer = Buffer.allocUnsafe(StreamSink.SIZE);
  private offset = 0;
  rows = 0;

  constructor(private readonly stream: Writable) {}

  write(line: string): Promise<void> | void {
    this.rows++;
    if (this.offset + line.length * 3 > StreamSink.SIZE) {
      const pending = this.flush();
      if (line.length * 3 > StreamSink.SIZE) {
        return (pending ?? Promise.resolve()).then(() => this.writeLarge(line));
      }
      this.offset += this.buffer.write(line, this.offset, 'utf8');
      return pending;
    }
    this.offset += this.buffer.write(line, this.offset, 'utf8');
  }

  private async writeLarge(line: string): Promise<void> {
    if (!this.stream.write(line)) await once(this.stream, 'drain');
  }

  private flush(): Promise<void> | undefined {
    if (this.offset === 0) return undefined;
    const chunk = this.buffer.subarray(0, this.offset);
    this.buffer = Buffer.allocUnsafe(StreamSink.SIZE);
    this.offset = 0;
    if (!this.stream.write(chunk)) return once(this.stream, 'drain').then(() => undefined);
    return undefined;
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
  return new StreamSink(createWriteStream(path, { highWaterMark: 1 << 20 }) as WriteStream);
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
