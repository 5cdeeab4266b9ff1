// Does: parses argv with commander, builds the context, runs one command, maps errors to exit codes.
// Does not: contain logic; every command calls a task in another module.
import { Command, CommanderError, Option } from 'commander';
import { readFileSync } from 'node:fs';
import { commands } from './commands/index.js';
import { renderError, renderErrorJson } from './render-error.js';
import { EXIT } from '../errors/index.js';

function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

/** Builds the `mercator` program with every command registered. */
export function buildProgram(): Command {
  const program = new Command('mercator')
    .description('E-commerce analytics in one tool: ingest, transform (dbt-compatible), test, orchestrate, serve.')
    .version(packageVersion(), '-V, --version')
    .addOption(new Option('--log-format <format>', 'log output: human text or JSON lines').choices(['text', 'json']).default('text'))
    .option('--debug', 'show stack traces and debug events', false)
    .showSuggestionAfterError(true)
    .exitOverride();
  for (const register of commands) register(program);
  return program;
}

/** Runs the CLI on argv (as process.argv) and resolves to the exit code; never calls process.exit. */
export async function runCli(argv: readonly string[]): Promise<number> {
  const program = buildProgram();
  let exitCode = EXIT.ok as number;
  program.hook('postAction', (_cmd, action) => {
    const code = (action as Command & { exitCode?: number }).exitCode;
    if (typeof code === 'number') exitCode = code;
  });
  try {
    await program.parseAsync(argv as string[]);
    return exitCode;
  } catch (err) {
    if (err instanceof CommanderError) {
      // Help and version output are successful exits; everything else commander rejects is usage.
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') return EXIT.ok;
      return EXIT.usage;
    }
    const json = argv.includes('--log-format') && argv[argv.indexOf('--log-format') + 1] === 'json';
    const debug = argv.includes('--debug');
    if (json) {
      const { json: line, exit } = renderErrorJson(err);
      process.stdout.write(line + '\n');
      return exit;
    }
    const color = Boolean(process.stderr.isTTY) && !process.env.NO_COLOR;
    const { text, exit } = renderError(err, debug, color);
    process.stderr.write(text + '\n');
    return exit;
  }
}
