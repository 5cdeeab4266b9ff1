import { EXIT, type ErrorSpec } from './error-spec.js';

/** Errors of ingestion (src/ingest): connectors reaching their sources and the loader writing the raw layer. */
export const ingestCodes = {
  INGEST_SOURCE_UNKNOWN: {
    message: 'No source named `{source}` in {file}.',
    hint: 'Declare it under `sources:` in mercator.yml, or pick one of: {known}.',
    exit: EXIT.usage,
  },
  INGEST_STREAM_UNKNOWN: {
    message: 'Source `{source}` has no stream named `{stream}`.',
    hint: 'Streams of this source: {known}.',
    exit: EXIT.usage,
  },
  INGEST_SECRET_MISSING: {
    message: 'Source `{source}`: environment variable `{name}` is not set ({key}).',
    hint: 'Export {name} before running, or write the value into mercator.yml (not recommended for passwords).',
    exit: EXIT.usage,
  },
  INGEST_NO_FILES: {
    message: 'Source `{source}`, stream `{stream}`: no file matches {pattern}.',
    hint: 'Check the path or glob (relative paths start at the project folder); in landing-folder mode an empty folder is not an error.',
    exit: EXIT.usage,
  },
  INGEST_FILE_UNREADABLE: {
    message: 'Source `{source}`, stream `{stream}`: no row of {file} could be read: {detail}',
    hint: 'The whole file was rejected and nothing was loaded from it. Check the delimiter, quoting (an unclosed quote swallows the rest of the file) and `encoding` (latin-1 files need `encoding: latin-1`).',
    exit: EXIT.failure,
  },
  INGEST_SOURCE_UNREACHABLE: {
    message: 'Source `{source}`: cannot reach {target}: {detail}',
    hint: 'Check that the server is running and that host and port in mercator.yml are right.',
    exit: EXIT.source,
  },
  INGEST_AUTH_FAILED: {
    message: 'Source `{source}`: {target} rejected the credentials of user `{user}`: {detail}',
    hint: 'Check the user and the password (or the environment variable it comes from).',
    exit: EXIT.source,
  },
  INGEST_TABLE_MISSING: {
    message: 'Source `{source}`: table `{table}` does not exist in {target}.',
    hint: '{suggestion}',
    exit: EXIT.usage,
  },
  INGEST_COLUMN_MISSING: {
    message: 'Source `{source}`: table `{table}` has no column `{column}` ({role}).',
    hint: '{suggestion}',
    exit: EXIT.usage,
  },
  INGEST_EXTRACT_FAILED: {
    message: 'Source `{source}`, stream `{stream}`: extraction failed: {detail}',
    hint: 'Read the source system message above; rerun with --debug for the statement that failed.',
    exit: EXIT.failure,
  },
  INGEST_MERGE_KEY_MISSING: {
    message: 'Source `{source}`, stream `{stream}`: write disposition `merge` needs a primary key.',
    hint: 'Set `primary_key:` on the stream, or use `append` or `replace`.',
    exit: EXIT.usage,
  },
  INGEST_LOAD_FAILED: {
    message: 'Source `{source}`, stream `{stream}`: load {loadId} failed and was rolled back: {detail}',
    hint: 'Nothing of this load is visible and its cursor did not move; fix the cause and rerun. `_mercator.loads` keeps the error.',
    exit: EXIT.failure,
  },
} as const satisfies Record<string, ErrorSpec>;
