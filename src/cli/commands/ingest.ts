import { InvalidArgumentError, type Command } from 'commander';
import { resolve } from 'node:path';
import { EXIT } from '../../errors/index.js';
import { cliContext } from '../cli-context.js';

// Loaded when the command runs: at start-up they would pull in the Postgres and Stripe clients for every command.
const ingest = () => import('../../ingest/index.js');

/** A commander parser for counts: 1, 2, 3… */
function positiveInteger(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a whole number of 1 or more.');
  return n;
}

/** `mercator ingest`: load the sources of mercator.yml into the raw layer, with live progress and a summary. */
export function registerIngest(program: Command): void {
  program
    .command('ingest')
    .description('load the sources declared in mercator.yml into the warehouse (raw layer)')
    .option('--project-dir <dir>', 'project folder', '.')
    .option('--source <name>', 'only this source')
    .option('--stream <name>', 'only this stream (table, file set or object) of --source')
    .option('--full-refresh', 'reload everything and replace the tables, forgetting cursors and file ledgers', false)
    .option('--concurrency <n>', 'sources loaded at the same time', positiveInteger, 2)
    .action(async (opts: { projectDir: string; source?: string; stream?: string; fullRefresh: boolean; concurrency: number }, command: Command) => {
      const { logger } = cliContext(command);
      const { createIngestReporter, ingestProject, summaryTable } = await ingest();
      const summary = await ingestProject({
        projectDir: resolve(opts.projectDir),
        ...(opts.source ? { source: opts.source } : {}),
        ...(opts.stream ? { stream: opts.stream } : {}),
        fullRefresh: opts.fullRefresh,
        concurrency: opts.concurrency,
        reporter: createIngestReporter(logger),
      });
      logger.clearStatus();
      logger.emit({
        type: 'IngestFinished',
        level: summary.failures.length > 0 ? 'error' : 'info',
        message: summaryTable(summary),
        data: { loads: summary.results.length, rows: summary.results.reduce((n, r) => n + r.rows, 0), failed: summary.failures.map((f) => `${f.source}.${f.stream}`) },
      });
      if (summary.failures.length > 0) (command as Command & { exitCode?: number }).exitCode = EXIT.failure;
    });
}
