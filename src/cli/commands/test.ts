import type { Command } from 'commander';
import { addTransformFlags, runTransformCommand, type TransformFlags } from './transform-flags.js';

/** `mercator test`: run the data tests of the selected nodes. */
export function registerTest(program: Command): void {
  addTransformFlags(program.command('test').description('run the data tests of the selected nodes'), { selection: true, building: true }).action(async (flags: TransformFlags, command: Command) => {
    await runTransformCommand('test', flags, command);
  });
}
