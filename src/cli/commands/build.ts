import type { Command } from 'commander';
import { addTransformFlags, runTransformCommand, type TransformFlags } from './transform-flags.js';

/** `mercator build`: seed, run, snapshot and test the selected nodes in DAG order; failures skip what is downstream. */
export function registerBuild(program: Command): void {
  addTransformFlags(program.command('build').description('seed, run, snapshot and test the selected nodes in DAG order; failures skip what is downstream'), { selection: true, building: true }).action(async (flags: TransformFlags, command: Command) => {
    await runTransformCommand('build', flags, command);
  });
}
