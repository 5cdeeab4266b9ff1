import type { Command } from 'commander';
import { initProject } from '../../transform/index.js';
import { cliContext } from '../cli-context.js';

/** `mercator init <name>`: scaffolds a dbt project (DuckDB profile, a seed, staging and mart models, tests). */
export function registerInit(program: Command): void {
  program
    .command('init')
    .description('create a new dbt project folder that builds on DuckDB')
    .argument('<name>', 'project name (lower-case, underscores)')
    .option('--dir <dir>', 'parent folder', '.')
    .action((name: string, opts: { dir: string }, command: Command) => {
      const dir = initProject(opts.dir, name);
      cliContext(command).logger.emit({ type: 'ProjectCreated', level: 'info', message: `Created ${dir}. Next: cd ${name} && mercator build`, data: { dir } });
    });
}
