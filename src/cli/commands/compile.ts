import type { Command } from 'commander';
import { addTransformFlags, runTransformCommand, type TransformFlags } from './transform-flags.js';

/** `mercator compile`: render models and tests to SQL in target/compiled without running them. */
export function registerCompile(program: Command): void {
  addTransformFlags(program.command('compile').description('render models and tests to SQL in target/compiled without running them'), { selection: true }).action(async (flags: TransformFlags, command: Command) => {
    await runTransformCommand('compile', flags, command);
  });
}
