import type { Command } from 'commander';
import { MercatorError } from '../../errors/index.js';
import type { Logger } from '../../log/index.js';
import { DEFAULT_PORT } from '../../serve/default-port.js';
import { cliContext } from '../cli-context.js';

// Loaded when the server starts: the metrics layer and HTTP server are not needed by other commands.
const serveModule = () => import('../../serve/index.js');


/** Parses a --port value; 0 picks a free port. */
export function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new MercatorError('CLI_USAGE', { detail: `--port ${value} is not a port number (0-65535)` });
  return port;
}

/** Serves the project's dashboard until SIGINT or SIGTERM, then closes the server and its warehouse. */
export async function serveUntilStopped(options: { projectDir: string; port: number; host: string; logger: Logger }): Promise<void> {
  const { startServer } = await serveModule();
  const server = await startServer(options);
  await new Promise<void>((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      void server.close().then(resolve, resolve);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

/** Reads a password from stdin: a piped line, or typed without echo on a terminal. */
async function readPassword(prompt: string): Promise<string> {
  const stdin = process.stdin;
  if (!stdin.isTTY) {
    let text = '';
    for await (const chunk of stdin) text += String(chunk);
    return text.replace(/\r?\n$/, '');
  }
  process.stderr.write(prompt);
  stdin.setRawMode(true);
  stdin.resume();
  return new Promise((resolve, reject) => {
    let text = '';
    const onData = (chunk: Buffer): void => {
      for (const ch of chunk.toString('utf8')) {
        if (ch === '\r' || ch === '\n') {
          stdin.setRawMode(false);
          stdin.pause();
          stdin.off('data', onData);
          process.stderr.write('\n');
          return resolve(text);
        }
        if (ch === '\u0003') {
          stdin.setRawMode(false);
          return reject(new MercatorError('CLI_USAGE', { detail: 'cancelled' }));
        }
        text = ch === '\u007f' ? text.slice(0, -1) : text + ch;
      }
    };
    stdin.on('data', onData);
  });
}

/** `mercator serve`: the dashboard and its API; `mercator serve hash-password`: a hash for mercator.yml `serve.users`. */
export function registerServe(program: Command): void {
  const serve = program
    .command('serve')
    .description('serve the dashboard and its API over the project\'s marts')
    .option('--project-dir <dir>', 'project folder (with metrics.yml and mercator.yml)', '.')
    .option('--port <port>', 'port to listen on (0 picks a free one)', String(DEFAULT_PORT))
    .option('--host <host>', 'address to listen on (0.0.0.0 for every interface)', '127.0.0.1')
    .action(async (opts: { projectDir: string; port: string; host: string }, command: Command) => {
      await serveUntilStopped({ projectDir: opts.projectDir, port: parsePort(opts.port), host: opts.host, logger: cliContext(command).logger });
    });
  serve
    .command('hash-password')
    .description('print a password hash for mercator.yml serve.users (reads the password from stdin)')
    .action(async () => {
      const password = await readPassword('Password: ');
      if (password.length === 0) throw new MercatorError('CLI_USAGE', { detail: 'empty password' });
      const { hashPassword } = await serveModule();
      process.stdout.write(`${await hashPassword(password)}\n`);
    });
}
