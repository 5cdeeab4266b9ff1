import type { Command } from 'commander';
import { addTransformFlags, runTransformCommand, type TransformFlags } from './transform-flags.js';

/** `mercator ls`: lists the selected nodes (one per line: dotted fqn, or unique ids with --output unique_id). */
export function registerLs(program: Command): void {
  addTransformFlags(program.command('ls').alias('list').description('list the nodes a selection picks'), { selection: true })
    .option('--resource-type <type...>', 'only these resource types (model, seed, test, snapshot, source)')
    .option('--output <format>', 'selector (dotted fqn), name, unique_id, path or json', 'selector')
    .action(async (flags: TransformFlags & { output: string }, command: Command) => {
      const result = await runTransformCommand('ls', flags, command);
      const { manifest } = result.project;
      for (const id of result.selected) {
        const n = manifest.nodes.get(id) ?? manifest.sources.get(id);
        if (!n) continue;
        const line =
          flags.output === 'unique_id' ? n.uniqueId
          : flags.output === 'name' ? n.name
          : flags.output === 'path' ? n.originalFilePath
          : flags.output === 'json' ? JSON.stringify({ unique_id: n.uniqueId, name: n.name, resource_type: n.resourceType, tags: n.tags, config: { materialized: n.config.materialized } })
          : n.resourceType === 'source' ? `source:${n.fqn.join('.')}` : n.fqn.join('.');
        process.stdout.write(`${line}\n`);
      }
    });
}
