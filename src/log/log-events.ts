// Does: the typed events Mercator logs and the sink that renders them as text or JSON lines.
// Does not: decide what to log; commands and tasks emit events.

/** Output format chosen by `--log-format`. */
export type LogFormat = 'text' | 'json';

/** Severity of an event. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** One event: a type name (`NodeFinished`), a level, a human message and structured data. */
export interface LogEvent {
  type: string;
  level: LogLevel;
  message: string;
  data?: Record<string, unknown>;
}

/** Where events go. Tasks receive a Logger; they never write to stdout themselves. */
export interface Logger {
  readonly format: LogFormat;
  emit(event: LogEvent): void;
  /** Live status line (progress) in text mode; ignored in JSON mode. */
  status(text: string): void;
  /** Clears the live status line. */
  clearStatus(): void;
}

const jsonReplacer = (_key: string, value: unknown): unknown => (typeof value === 'bigint' ? value.toString() : value);

/** A logger writing to the given streams: text with a live status line on a TTY, or one JSON object per line. */
export function createLogger(options: {
  format: LogFormat;
  debug?: boolean;
  out?: NodeJS.WritableStream & { isTTY?: boolean };
  err?: NodeJS.WritableStream & { isTTY?: boolean };
}): Logger {
  const out = options.out ?? process.stdout;
  const err = options.err ?? process.stderr;
  const tty = Boolean(err.isTTY);
  let statusShown = false;
  const clearStatus = (): void => {
    if (statusShown) {
      err.write('\r\x1b[2K');
      statusShown = false;
    }
  };
  return {
    format: options.format,
    emit(event) {
      if (event.level === 'debug' && !options.debug) return;
      if (options.format === 'json') {
        out.write(JSON.stringify({ ts: new Date().toISOString(), ...event }, jsonReplacer) + '\n');
        return;
      }
      clearStatus();
      (event.level === 'error' || event.level === 'warn' ? err : out).write(event.message + '\n');
    },
    status(text) {
      if (options.format === 'json' || !tty) return;
      err.write('\r\x1b[2K' + text.slice(0, (err as { columns?: number }).columns ?? 120));
      statusShown = true;
    },
    clearStatus,
  };
}

/** A logger that keeps events in memory; used by tests and by in-process runs. */
export function createMemoryLogger(): Logger & { events: LogEvent[] } {
  const events: LogEvent[] = [];
  return { format: 'json', events, emit: (e) => void events.push(e), status: () => {}, clearStatus: () => {} };
}
