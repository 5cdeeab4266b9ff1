import type { Command } from 'commander';
import { runDocsGenerate } from '../../transform/index.js';
import { cliContext } from '../cli-context.js';
import { addTransformFlags, type TransformFlags } from './transform-flags.js';

/** `mercator docs generate`: writes manifest.json, catalog.json and a static docs site (target/index.html). */
export function registerDocs(program: Command): void {
  const docs = program.command('docs').description('documentation of a dbt project');
  addTransformFlags(docs.command('generate').description('write target/catalog.json and the static docs site target/index.html')).action(async (flags: TransformFlags, command: Command) => {
    const { logger } = cliContext(command);
    await runDocsGenerate({ projectDir: flags.projectDir, profilesDir: flags.profilesDir, target: flags.target, vars: flags.vars, logger, env: process.env });
  });
}
