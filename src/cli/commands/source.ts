import type { Command } from 'commander';
import { runSourceFreshness } from '../../transform/index.js';
import { EXIT } from '../../errors/index.js';
import { cliContext } from '../cli-context.js';
import { addTransformFlags, type TransformFlags } from './transform-flags.js';

/** `mercator source freshness`: checks how old the newest row of each source with a freshness rule is. */
export function registerSource(program: Command): void {
  const source = program.command('source').description('commands about the sources of a dbt project');
  addTransformFlags(source.command('freshness').description('check source freshness (warn_after / error_after on loaded_at_field)'), { selection: true }).action(async (flags: TransformFlags, command: Command) => {
    const { logger } = cliContext(command);
    const result = await runSourceFreshness({ projectDir: flags.projectDir, profilesDir: flags.profilesDir, target: flags.target, vars: flags.vars, select: flags.select, exclude: flags.exclude, logger, env: process.env });
    if (!result.success) (command as Command & { exitCode?: number }).exitCode = EXIT.failure;
  });
}
