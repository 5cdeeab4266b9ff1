import type { Command } from 'commander';
import { createLogger, type LogFormat, type Logger } from '../log/index.js';

/** Global flags every command sees. */
export interface GlobalOptions {
  logFormat: LogFormat;
  debug: boolean;
}

/** What a command handler gets: the global options and a logger built from them. */
export interface CliContext {
  options: GlobalOptions;
  logger: Logger;
}

/** Reads the global flags from the root program; called inside an action handler. */
export function cliContext(command: Command): CliContext {
  let root = command;
  while (root.parent) root = root.parent;
  const opts = root.opts<{ logFormat?: string; debug?: boolean }>();
  const options: GlobalOptions = { logFormat: opts.logFormat === 'json' ? 'json' : 'text', debug: Boolean(opts.debug) };
  return { options, logger: createLogger({ format: options.logFormat, debug: options.debug }) };
}
