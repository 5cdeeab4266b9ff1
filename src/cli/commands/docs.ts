import type { Command } from 'commander';
import { resolve } from 'node:path';
import { runDocsGenerate, serveDocs } from '../../transform/index.js';
import { cliContext } from '../cli-context.js';
import { addTransformFlags, type TransformFlags } from './transform-flags.js';

/** `mercator docs generate`: writes manifest.json, catalog.json and a static docs site (target/index.html). */
export function registerDocs(program: Command): void {
  const docs = program.command('docs').description('documentation of a dbt project');
  addTransformFlags(docs.command('generate').description('write target/catalog.json and the static docs site target/index.html')).action(async (flags: TransformFlags, command: Command) => {
    const { logger } = cliContext(command);
    await runDocsGenerate({ projectDir: flags.projectDir, profilesDir: flags.profilesDir, target: flags.target, vars: flags.vars, logger, env: process.env });
  });
  docs
    .command('serve')
    .description('serve the generated docs site (run docs generate first)')
    .option('--project-dir <dir>', 'dbt project folder', '.')
    .option('--port <port>', 'port to listen on', '8080')
    .action(async (opts: { projectDir: string; port: string }, command: Command) => {
      const { url } = await serveDocs(resolve(opts.projectDir, 'target'), Number(opts.port));
      cliContext(command).logger.emit({ type: 'DocsServing', level: 'info', message: `Serving docs at ${url} (Ctrl-C to stop)`, data: { url } });
      await new Promise<never>(() => {});
    });
}
