import { EXIT, type ErrorSpec } from './error-spec.js';

/** Errors of the dbt-compatible transformation engine (src/transform). */
export const transformCodes = {
  TRANSFORM_PROJECT_MISSING: {
    message: 'No dbt_project.yml in {dir}.',
    hint: 'Run from a dbt project folder or pass --project-dir.',
    exit: EXIT.usage,
  },
  TRANSFORM_PROFILE_MISSING: {
    message: 'Profile `{profile}` (target `{target}`) not found in {file}.',
    hint: 'Add the profile to profiles.yml, pass --profiles-dir, or pick an existing target with --target. Known: {known}.',
    exit: EXIT.usage,
  },
  TRANSFORM_ENV_VAR_MISSING: {
    message: 'Environment variable `{name}` is not set and has no default ({where}).',
    hint: 'Set the variable or give env_var a default: env_var("{name}", "value").',
    exit: EXIT.usage,
  },
  TRANSFORM_REF_NOT_FOUND: {
    message: '{node} refers to `{name}`, which is not a model, seed or snapshot in the project.',
    hint: '{suggestion}',
    exit: EXIT.usage,
  },
  TRANSFORM_SOURCE_NOT_FOUND: {
    message: '{node} uses source(`{source}`, `{table}`), which is not declared in any sources: block.',
    hint: '{suggestion}',
    exit: EXIT.usage,
  },
  TRANSFORM_JINJA_ERROR: {
    message: '{file}:{line}: {detail}',
    hint: 'Fix the Jinja at that line of {file}.',
    exit: EXIT.usage,
  },
  TRANSFORM_COMPILER_ERROR: {
    message: '{node}: {detail}',
    hint: 'The project raised this with exceptions.raise_compiler_error; read the message above.',
    exit: EXIT.usage,
  },
  TRANSFORM_SQL_ERROR: {
    message: '{node} failed in the database: {detail}',
    hint: 'Inspect the compiled SQL in {compiled} and fix the model.',
    exit: EXIT.failure,
  },
  TRANSFORM_CYCLE: {
    message: 'Dependency cycle: {cycle}.',
    hint: 'Break the cycle by removing one of these ref() calls.',
    exit: EXIT.usage,
  },
  TRANSFORM_DUPLICATE_NODE: {
    message: 'Two {kind}s are named `{name}`: {first} and {second}.',
    hint: 'Rename one of the files; model names must be unique in a project.',
    exit: EXIT.usage,
  },
  TRANSFORM_MACRO_NOT_FOUND: {
    message: 'Macro `{name}` is not defined{where}.',
    hint: '{suggestion}',
    exit: EXIT.usage,
  },
  TRANSFORM_SELECTOR_INVALID: {
    message: 'Cannot read selector `{selector}`: {detail}.',
    hint: 'Use names, +model, model+, n+model, @model, tag:, path:, source:, resource_type:, test_type:, config.<key>:.',
    exit: EXIT.usage,
  },
  TRANSFORM_SCHEMA_CHANGE: {
    message: '{node}: the columns of the incremental model changed ({detail}) and on_schema_change is `fail`.',
    hint: 'Run with --full-refresh, or set on_schema_change to append_new_columns or sync_all_columns.',
    exit: EXIT.failure,
  },
  TRANSFORM_TEST_FAILED: {
    message: '{node}: {failures} failing rows.',
    hint: 'Query the compiled test in {compiled} to see the failing rows.',
    exit: EXIT.failure,
  },
  TRANSFORM_CONFIG_INVALID: {
    message: '{node} ({file}): config `{key}` must be {expected}, not {value}.',
    hint: 'Set `{key}` to {expected} in {file}, or in dbt_project.yml for a whole folder.',
    exit: EXIT.usage,
  },
  TRANSFORM_SEED_INVALID: {
    message: 'Seed {file}: {detail}.',
    hint: 'Check the header row and the delimiter of the CSV file.',
    exit: EXIT.usage,
  },
} as const satisfies Record<string, ErrorSpec>;
