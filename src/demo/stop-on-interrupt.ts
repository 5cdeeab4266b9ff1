// Does: while `demo init` creates the shop, turns Ctrl-C and SIGTERM into a clean stop of what it started.
// Does not: end the process (the caller's `exit` does) or handle signals after init (the pipeline and the
// dashboard have their own).
import { existsSync, rmSync } from 'node:fs';
import type { Logger } from '../log/index.js';
import { demoPaths, readDemoState } from './demo-state.js';
import { stopLocalPostgres } from './embedded-postgres-server.js';
import { stopStripeInBackground } from './stripe-server/stripe-background.js';

/**
 * Until the shop is complete, Ctrl-C or SIGTERM stops the PostgreSQL and Stripe stand-in init started and removes a
 * partial state file (so no server is left that `demo stop` cannot find), then calls `exit` with the interrupted
 * exit status (130 / 143). Returns how to remove the handlers and whether they ran.
 */
export function stopOnInterrupt(options: { pgUrl?: string }, paths: ReturnType<typeof demoPaths>, started: StartedServers, logger: Logger, exit: (status: number) => void): { remove: () => void; happened: () => boolean } {
  let happened = false;
  const interrupted = (signal: NodeJS.Signals): void => {
    happened = true;
    logger.clearStatus();
    logger.emit({ type: 'DemoInterrupted', level: 'error', message: `Interrupted (${signal}): stopping what demo init started; rerun \`mercator demo\` to create the shop` });
    // The generation still running loses its connections when PostgreSQL stops; `exit` ends the process below.
    process.on('uncaughtException', () => undefined);
    process.on('unhandledRejection', () => undefined);
    void (async () => {
      const pid = existsSync(paths.stateFile) ? readDemoState(paths.root).stripe.pid : undefined;
      await stopStripeInBackground(pid).catch(() => false);
      rmSync(paths.stateFile, { force: true });
      // A server still starting (initdb, first start) is let finish, so it is stopped cleanly, not left half made.
      await started.postgres?.catch(() => undefined);
      if (!options.pgUrl) await stopLocalPostgres(paths.pgData).catch(() => false);
    })().finally(() => exit(signal === 'SIGINT' ? 130 : 143));
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  return {
    remove: () => {
      process.off('SIGINT', interrupted);
      process.off('SIGTERM', interrupted);
    },
    happened: () => happened,
  };
}

/** What init has started so far, for the interrupt handler. */
export interface StartedServers {
  postgres?: Promise<unknown>;
}
