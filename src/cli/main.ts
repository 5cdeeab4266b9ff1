// Does: parses argv with commander, builds the context, runs one command, maps errors to exit codes.
// Does not: contain logic; every command calls a task in another module.
import { Command, CommanderError, Option } from 'commander';
import { readFileSync } from 'node:fs';
import type { RegisterCommand } from './commands/index.js';
import { renderError, renderErrorJson } from './render-error.js';
import { EXIT } from '../errors/index.js';

function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

// The dbt-style commands, loaded alone when argv names one: `mercator run` then never loads the modules of
// the other commands (dashboard server, metrics, ingest connectors), which were a large share of start-up.
// bin/mercator.js runs these from the bundle of dist/bundle/ and keeps its own list of their names.
/** The dbt-style commands, each with a loader of its command module. */
export const TRANSFORM_COMMANDS: Record<string, () => Promise<RegisterCommand>> = {
  init: async () => (await import('./commands/init.js')).registerInit,
  debug: async () => (await import('./commands/debug.js')).registerDebug,
  parse: async () => (await import('./commands/parse.js')).registerParse,
  compile: async () => (await import('./commands/compile.js')).registerCompile,
  run: async () => (await import('./commands/run.js')).registerRun,
  test: async () => (await import('./commands/test.js')).registerTest,
  seed: async () => (await import('./commands/seed.js')).registerSeed,
  build: async () => (await import('./commands/build.js')).registerBuild,
  snapshot: async () => (await import('./commands/snapshot.js')).registerSnapshot,
  ls: async () => (await import('./commands/ls.js')).registerLs,
  source: async () => (await import('./commands/source.js')).registerSource,
  docs: async () => (await import('./commands/docs.js')).registerDocs,
  clean: async () => (await import('./commands/clean.js')).registerClean,
};

/** The command argv names (the first argument that is not a global option or its value), if any. */
function commandName(argv: readonly string[]): string | undefined {
  for (let i = 2; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--log-format') i++;
    else if (!a.startsWith('-')) return a;
  }
  return undefined;
}

/** Builds the `mercator` program: every command, or only `only` when it is one of the dbt-style commands. */
export async function buildProgram(only?: string): Promise<Command> {
  const fast = only !== undefined && Object.hasOwn(TRANSFORM_COMMANDS, only) ? TRANSFORM_COMMANDS[only] : undefined;
  const commands: RegisterCommand[] = fast ? [await fast()] : (await import('./commands/index.js')).commands;
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
  const program = await buildProgram(commandName(argv));
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
