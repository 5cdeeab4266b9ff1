import type { Command } from 'commander';
import { fileURLToPath } from 'node:url';
import { EXIT } from '../../errors/index.js';
import { cliContext } from '../cli-context.js';
import { assertPortFree } from '../../serve/assert-port-free.js';
import { DEFAULT_PORT } from '../../serve/default-port.js';
import { parsePort, serveUntilStopped } from './serve.js';

/** The shipped shop project: `projects/shop` of this package (src/cli/commands and dist/cli/commands are 3 levels down). */
export const SHOP_PROJECT_DIR = fileURLToPath(new URL('../../../projects/shop', import.meta.url));

// Loaded when the command runs: the runner pulls in the Postgres and Stripe clients.
const runner = () => import('./demo-pipeline-run.js');

/** `mercator demo run`, also the default of bare `mercator demo`: the whole pipeline on the demo shop. */
export function registerDemoPipeline(demo: Command): void {
  demo
    .command('run', { isDefault: true })
    .description('(default) create the demo shop or reuse it, then ingest, build and test the shop project and print rows, tests and KPIs')
    .option('--scale <n>', 'size when the shop is created: 1 = 50k customers, 100k orders', Number, 1)
    .option('--seed <n>', 'random seed when the shop is created', Number, 42)
    .option('--dir <dir>', 'project folder (default: the shipped projects/shop)', SHOP_PROJECT_DIR)
    .option('--pg-url <url>', 'PostgreSQL server to load the shop into (default: an embedded one)')
    .option('--pg-database <name>', 'database created for the shop on that server (replaced if it exists)', 'shop')
    .option('--full-refresh', 'reload every source and rebuild incremental models', false)
    .option('--no-serve', 'end after the summary instead of then serving the dashboard')
    .option('--port <port>', 'port of the dashboard (0 picks a free one)', String(DEFAULT_PORT))
    .option('--host <host>', 'address the dashboard listens on', '127.0.0.1')
    .action(async (opts: { scale: number; seed: number; dir: string; pgUrl?: string; pgDatabase: string; fullRefresh: boolean; serve: boolean; port: string; host: string }, cmd: Command) => {
      // The port is checked before the half minute of pipeline, not after it.
      const port = parsePort(opts.port);
      if (opts.serve) await assertPortFree(port, opts.host);
      const { logger } = cliContext(cmd);
      const { runDemoPipeline } = await runner();
      const result = await runDemoPipeline(
        { dir: opts.dir, scale: opts.scale, seed: opts.seed, ...(opts.pgUrl ? { pgUrl: opts.pgUrl } : {}), database: opts.pgDatabase, fullRefresh: opts.fullRefresh },
        logger,
      );
      if (!result.success) {
        // A failed build is not served: the dashboard would show stale or missing marts as if they were current.
        (cmd as Command & { exitCode?: number }).exitCode = EXIT.failure;
        return;
      }
      if (opts.serve) await serveUntilStopped({ projectDir: opts.dir, port, host: opts.host, logger });
    });
}
