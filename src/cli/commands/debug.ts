import type { Command } from 'commander';
import { debugProject } from '../../transform/index.js';
import { EXIT } from '../../errors/index.js';
import { cliContext } from '../cli-context.js';
import { addTransformFlags, type TransformFlags } from './transform-flags.js';

/** `mercator debug`: checks the project file, the profile and the warehouse connection. */
export function registerDebug(program: Command): void {
  addTransformFlags(program.command('debug').description('check dbt_project.yml, profiles.yml and the warehouse connection')).action(async (flags: TransformFlags, command: Command) => {
    const passed = await debugProject({ projectDir: flags.projectDir, profilesDir: flags.profilesDir, target: flags.target, env: process.env, logger: cliContext(command).logger });
    if (!passed) (command as Command & { exitCode?: number }).exitCode = EXIT.failure;
  });
}
