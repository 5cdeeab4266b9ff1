import type { Command } from 'commander';
import { resolve } from 'node:path';
import { loadMercatorConfig, MERCATOR_CONFIG_FILE } from '../../config/index.js';
import { cliContext } from '../cli-context.js';

/** `mercator validate`: checks the project's mercator.yml and reports the first problem with file and line. */
export function registerValidate(program: Command): void {
  program
    .command('validate')
    .description(`check ${MERCATOR_CONFIG_FILE} of a project`)
    .option('--project-dir <dir>', 'project folder', '.')
    .action((opts: { projectDir: string }, command: Command) => {
      const { logger } = cliContext(command);
      const dir = resolve(opts.projectDir);
      const config = loadMercatorConfig(dir);
      logger.emit({ type: 'ConfigValid', level: 'info', message: `${MERCATOR_CONFIG_FILE} is valid (project ${config.name})`, data: { projectDir: dir, name: config.name } });
    });
}
