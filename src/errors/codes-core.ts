import { EXIT, type ErrorSpec } from './error-spec.js';

/** Errors of the CLI and of config loading. */
export const coreCodes = {
  CLI_USAGE: {
    message: '{detail}',
    hint: 'Run `mercator --help` or `mercator <command> --help` for the accepted flags.',
    exit: EXIT.usage,
  },
  CONFIG_FILE_MISSING: {
    message: 'Config file {file} does not exist.',
    hint: 'Create it, or point to it with the matching flag (for example `--project-dir`).',
    exit: EXIT.usage,
  },
  CONFIG_YAML_SYNTAX: {
    message: '{file}:{line}:{column}: YAML syntax error: {detail}',
    hint: 'Fix the YAML at that line: check indentation (spaces, not tabs), colons after keys and matching quotes.',
    exit: EXIT.usage,
  },
  CONFIG_INVALID: {
    message: '{file}:{line}: {path}: {detail}',
    hint: '{suggestion}',
    exit: EXIT.usage,
  },
  INTERNAL: {
    message: 'Unexpected internal error: {detail}',
    hint: 'This is a bug in Mercator. Rerun with --debug and report the stack trace.',
    exit: EXIT.internal,
  },
} as const satisfies Record<string, ErrorSpec>;
