import { Command, Option } from 'commander';
import { cliContext } from '../cli-context.js';
import type { StripeFaults } from '../../demo/index.js';
import { registerDemoPipeline } from './demo-pipeline.js';

// Loaded when a demo command runs: at start-up it would pull in the Postgres and Stripe clients for every command.
const loadDemo = () => import('../../demo/index.js');

const number = (v: string): number => Number(v);

interface FaultFlags {
  fault429?: number;
  fault500?: number;
  faultSlow?: number;
  faultDrop?: number;
}

function addFaultOptions(command: Command): Command {
  return command
    .addOption(new Option('--fault-429 <fraction>', 'Stripe stand-in: fraction of requests answered 429').argParser(number))
    .addOption(new Option('--fault-500 <fraction>', 'Stripe stand-in: fraction of requests answered 500').argParser(number))
    .addOption(new Option('--fault-slow <fraction>', 'Stripe stand-in: fraction of requests delayed').argParser(number))
    .addOption(new Option('--fault-drop <fraction>', 'Stripe stand-in: fraction of connections dropped').argParser(number));
}

function faultsFrom(opts: FaultFlags): Partial<StripeFaults> {
  return {
    ...(opts.fault429 !== undefined ? { rateLimited: opts.fault429 } : {}),
    ...(opts.fault500 !== undefined ? { serverErrors: opts.fault500 } : {}),
    ...(opts.faultSlow !== undefined ? { slow: opts.faultSlow } : {}),
    ...(opts.faultDrop !== undefined ? { dropped: opts.faultDrop } : {}),
  };
}

/** `mercator demo …`: the demo shop and its local stand-in systems. */
export function registerDemo(program: Command): void {
  const demo = program.command('demo').description('A deterministic demo shop with a PostgreSQL, a Stripe-compatible API, CSV exports and a landing folder');
  registerDemoPipeline(demo);

  const init = demo
    .command('init')
    .description('create the demo shop and start its systems; prints where each one lives')
    .option('--scale <n>', 'size: 1 = 50k customers, 100k orders (0.01..100)', number, 1)
    .option('--seed <n>', 'random seed; the same seed gives the same shop', number, 42)
    .option('--pg-url <url>', 'PostgreSQL server to load into (default: an embedded one under .mercator/)')
    .option('--pg-database <name>', 'database created for the shop on that server', 'shop')
    .option('--dir <dir>', 'project folder holding .mercator/ and demo/', '.')
    .option('--as-of <date>', "the shop's today (YYYY-MM-DD, default today UTC)")
    .option('--event-days <n>', 'days of clickstream written to the landing folder', number, 14)
    .option('--bad-rows <fraction>', 'fraction of deliberately bad rows in the CSV exports', number, 0.02)
    .option('--force', 'replace an existing demo shop in the folder', false)
    .option('--no-stripe', 'do not start the Stripe stand-in');
  addFaultOptions(init).action(async (opts: { scale: number; seed: number; pgUrl?: string; pgDatabase: string; dir: string; asOf?: string; eventDays: number; badRows: number; force: boolean; stripe: boolean } & FaultFlags, cmd: Command) => {
    const { logger } = cliContext(cmd);
    await (await loadDemo()).demoInit(
      { dir: opts.dir, scale: opts.scale, seed: opts.seed, pgUrl: opts.pgUrl, database: opts.pgDatabase, asOf: opts.asOf ? new Date(`${opts.asOf}T00:00:00Z`) : undefined, eventDays: opts.eventDays, badRowFraction: opts.badRows, force: opts.force, startStripe: opts.stripe, faults: faultsFrom(opts), exitOnInterrupt: (status) => process.exit(status) },
      logger,
    );
  });

  demo
    .command('advance')
    .description('simulate the next days: new orders and customers, status changes, payments, refunds, marketing rows, event files')
    .requiredOption('--days <n>', 'days to simulate (1..366)', number)
    .option('--dir <dir>', 'project folder', '.')
    .action(async (opts: { days: number; dir: string }, cmd: Command) => {
      await (await loadDemo()).demoAdvance(opts.dir, opts.days, cliContext(cmd).logger);
    });

  demo
    .command('stop')
    .description('stop the background servers of the demo shop (data stays)')
    .option('--dir <dir>', 'project folder', '.')
    .action(async (opts: { dir: string }, cmd: Command) => {
      await (await loadDemo()).demoStop(opts.dir, cliContext(cmd).logger);
    });

  const serve = demo
    .command('serve-stripe')
    .description('run the Stripe-compatible API in the foreground')
    .option('--dir <dir>', 'project folder', '.')
    .option('--port <n>', 'port (default: the one in demo.json, else any free port)', number);
  addFaultOptions(serve).action(async (opts: { dir: string; port?: number } & FaultFlags, cmd: Command) => {
      const { server } = await (await loadDemo()).demoServeStripe(opts.dir, { port: opts.port, faults: faultsFrom(opts) }, cliContext(cmd).logger);
      await new Promise<void>((resolve) => {
        const stop = (): void => void server.close(() => resolve());
        process.once('SIGTERM', stop);
        process.once('SIGINT', stop);
      });
    });
}
