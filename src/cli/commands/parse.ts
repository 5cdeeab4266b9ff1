import type { Command } from 'commander';
import { addTransformFlags, runTransformCommand, type TransformFlags } from './transform-flags.js';

/** `mercator parse`: reads the dbt project and writes target/manifest.json. */
export function registerParse(program: Command): void {
  addTransformFlags(program.command('parse').description('read the dbt project and write target/manifest.json')).action(async (flags: TransformFlags, command: Command) => {
    const result = await runTransformCommand('parse', flags, command);
    const m = result.project.manifest;
    const count = (t: string): number => [...m.nodes.values()].filter((n) => n.resourceType === t).length;
    process.stdout.write(`Parsed ${m.projectName}: ${count('model')} models, ${count('seed')} seeds, ${count('snapshot')} snapshots, ${count('test')} tests, ${m.sources.size} sources, ${m.macros.size} macros\n`);
  });
}
