import type { Command } from 'commander';
import { runTransformTask, type TransformTaskResult } from '../../transform/tasks/run-transform-task.js';
import type { TransformCommand } from '../../transform/tasks/task-options.js';
import { EXIT } from '../../errors/index.js';
import { cliContext } from '../cli-context.js';

/** Flags shared by the dbt-style commands, as commander hands them over. */
export interface TransformFlags {
  projectDir: string;
  profilesDir?: string;
  target?: string;
  vars?: string;
  select?: string[];
  exclude?: string[];
  threads?: string;
  fullRefresh?: boolean;
  failFast?: boolean;
  state?: string;
  defer?: boolean;
  resourceType?: string[];
}

/** Adds the dbt flags a command accepts; `selection` adds --select/--exclude, `building` adds --full-refresh etc. */
export function addTransformFlags(cmd: Command, options: { selection?: boolean; building?: boolean } = {}): Command {
  cmd
    .option('--project-dir <dir>', 'dbt project folder (holds dbt_project.yml)', '.')
    .option('--profiles-dir <dir>', 'folder holding profiles.yml (default: the project, then ~/.dbt)')
    .option('-t, --target <name>', 'profile target to use')
    .option('--vars <yaml>', "variables as YAML or JSON, e.g. '{start_date: 2024-01-01}'");
  if (options.selection) {
    cmd
      .option('-s, --select <selector...>', 'nodes to include (names, +model, model+, tag:, path:, config.<key>:, ...)')
      .option('--exclude <selector...>', 'nodes to leave out')
      .option('--state <dir>', 'target folder of a previous run, for state:modified')
      .option('--defer', 'resolve refs to unselected models missing here to their relations in --state', false);
  }
  if (options.building) {
    cmd
      .option('--threads <n>', 'nodes built at once')
      .option('--full-refresh', 'rebuild incremental models and seeds from scratch', false)
      .option('-x, --fail-fast', 'stop at the first failure', false);
  }
  return cmd;
}

/** Runs a transform command from parsed flags and sets the exit code: 1 when a node errored or a test failed. */
export async function runTransformCommand(name: TransformCommand, flags: TransformFlags, command: Command): Promise<TransformTaskResult> {
  const { logger } = cliContext(command);
  const result = await runTransformTask(name, {
    projectDir: flags.projectDir,
    profilesDir: flags.profilesDir,
    target: flags.target,
    vars: flags.vars,
    select: flags.select,
    exclude: flags.exclude,
    resourceTypes: flags.resourceType,
    threads: flags.threads ? Number(flags.threads) : undefined,
    fullRefresh: flags.fullRefresh,
    failFast: flags.failFast,
    state: flags.state,
    defer: flags.defer,
    logger,
    env: process.env,
  });
  if (!result.success) (command as Command & { exitCode?: number }).exitCode = EXIT.failure;
  return result;
}
