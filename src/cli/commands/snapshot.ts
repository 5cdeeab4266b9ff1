import type { Command } from 'commander';
import { addTransformFlags, runTransformCommand, type TransformFlags } from './transform-flags.js';

/** `mercator snapshot`: builds the selected snapshots (SCD type 2 history tables). */
export function registerSnapshot(program: Command): void {
  addTransformFlags(program.command('snapshot').description('build the selected snapshots (SCD type 2 history tables)'), { selection: true, building: true }).action(async (flags: TransformFlags, command: Command) => {
    await runTransformCommand('snapshot', flags, command);
  });
}
