import type { Command } from 'commander';
import { addTransformFlags, runTransformCommand, type TransformFlags } from './transform-flags.js';

/** `mercator seed`: load the seed CSV files into tables. */
export function registerSeed(program: Command): void {
  addTransformFlags(program.command('seed').description('load the seed CSV files into tables'), { selection: true, building: true }).action(async (flags: TransformFlags, command: Command) => {
    await runTransformCommand('seed', flags, command);
  });
}
