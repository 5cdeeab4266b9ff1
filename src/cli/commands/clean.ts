import type { Command } from 'commander';
import { cleanProject } from '../../transform/index.js';
import { cliContext } from '../cli-context.js';

/** `mercator clean`: deletes the clean-targets of dbt_project.yml (default: target/). */
export function registerClean(program: Command): void {
  program
    .command('clean')
    .description('delete the folders listed in clean-targets (default: target/)')
    .option('--project-dir <dir>', 'dbt project folder', '.')
    .action((opts: { projectDir: string }, command: Command) => {
      for (const dir of cleanProject(opts.projectDir)) cliContext(command).logger.emit({ type: 'Cleaned', level: 'info', message: `Deleted ${dir}` });
    });
}
