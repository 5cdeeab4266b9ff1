import { EXIT, type ErrorSpec } from './error-spec.js';

/** Errors of the demo shop and its local stand-in systems. */
export const demoCodes = {
  DEMO_SCALE_RANGE: {
    message: 'Scale {scale} is outside 0.01..100.',
    hint: 'Pass `--scale` between 0.01 (a tiny shop) and 100 (10 M orders); 1 is 100,000 orders.',
    exit: EXIT.usage,
  },
  DEMO_NOT_INITIALISED: {
    message: 'No demo shop at {file}.',
    hint: 'Run `mercator demo init` first (or pass the same `--dir` you gave to init).',
    exit: EXIT.usage,
  },
  DEMO_STATE_INVALID: {
    message: 'The demo state file {file} is unreadable: {detail}',
    hint: 'Delete the demo folder and run `mercator demo init` again.',
    exit: EXIT.usage,
  },
  DEMO_POSTGRES_START: {
    message: 'Could not start the embedded PostgreSQL in {dir}: {detail}',
    hint: 'Check the server log {log}; pass `--pg-url` to use a PostgreSQL you run yourself.',
    exit: EXIT.source,
  },
  DEMO_POSTGRES_LOAD: {
    message: 'Loading the demo shop into PostgreSQL failed: {detail}',
    hint: 'Check that {url} is reachable and that the user may create databases and tables.',
    exit: EXIT.source,
  },
  DEMO_ALREADY_EXISTS: {
    message: 'A demo shop already exists in {dir}.',
    hint: 'Run `mercator demo stop` and delete the folder, or pass `--force` to replace it.',
    exit: EXIT.usage,
  },
  DEMO_FILES_WRITE: {
    message: 'Could not write the demo shop\'s {what} in {dir}: {detail}',
    hint: 'Check that {dir} is writable and the disk has room, then run `mercator demo init --force --dir <project>`.',
    exit: EXIT.failure,
  },
  DEMO_STRIPE_START: {
    message: 'The Stripe stand-in did not start: {detail}',
    hint: 'Check {log}; another process may hold the port. Run `mercator demo stop` and try again.',
    exit: EXIT.source,
  },
} as const satisfies Record<string, ErrorSpec>;
