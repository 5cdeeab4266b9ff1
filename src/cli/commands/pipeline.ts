import type { Command } from 'commander';
import { resolve } from 'node:path';
import { EXIT } from '../../errors/index.js';
import { cliContext } from '../cli-context.js';
import { projectKpisReader } from './project-kpis.js';

// Loaded when the command runs: at start-up they would pull in the Postgres and Stripe clients for every command.
const ingest = () => import('../../ingest/index.js');
const orchestrate = () => import('../../orchestrate/index.js');

/** `mercator pipeline`: ingest every source, build and test the project, print rows per layer, tests and KPIs. */
export function registerPipeline(program: Command): void {
  program
    .command('pipeline')
    .description('one run: ingest every source of mercator.yml, then build and test the dbt project in DAG order')
    .option('--project-dir <dir>', 'project folder (mercator.yml, dbt_project.yml, profiles.yml)', '.')
    .option('--full-refresh', 'reload every source and rebuild incremental models', false)
    .action(async (opts: { projectDir: string; fullRefresh: boolean }, command: Command) => {
      const { logger } = cliContext(command);
      const { pipelineSummaryText, runPipeline } = await orchestrate();
      const { createIngestReporter } = await ingest();
      const projectDir = resolve(opts.projectDir);
      const kpis = await projectKpisReader(projectDir);
      const result = await runPipeline({ projectDir, logger, env: process.env, fullRefresh: opts.fullRefresh, reporter: createIngestReporter(logger), ...(kpis ? { kpis } : {}) });
      logger.clearStatus();
      logger.emit({ type: 'PipelineFinished', level: result.success ? 'info' : 'error', message: pipelineSummaryText(result), data: { run_id: result.runId, success: result.success, seconds: result.seconds, tests: result.tests, kpis: result.kpis, layers: result.layers } });
      if (!result.success) (command as Command & { exitCode?: number }).exitCode = EXIT.failure;
    });
}
