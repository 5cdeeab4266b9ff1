import type { Command } from 'commander';
import { addTransformFlags, runTransformCommand, type TransformFlags } from './transform-flags.js';

/** `mercator run`: build the selected models (views, tables, incremental, ephemeral) in DAG order. */
export function registerRun(program: Command): void {
  addTransformFlags(program.command('run').description('build the selected models (views, tables, incremental, ephemeral) in DAG order'), { selection: true, building: true }).action(async (flags: TransformFlags, command: Command) => {
    await runTransformCommand('run', flags, command);
  });
}
