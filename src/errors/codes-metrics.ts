import { EXIT, type ErrorSpec } from './error-spec.js';

/** Errors of the metrics layer (src/metrics) and the dashboard server (src/serve). */
export const metricsCodes = {
  METRICS_UNKNOWN_METRIC: {
    message: 'Unknown metric `{name}`.',
    hint: 'Known metrics: {known} (defined in {file}).',
    exit: EXIT.usage,
  },
  METRICS_UNKNOWN_DIMENSION: {
    message: 'Unknown dimension `{name}`.',
    hint: 'Known dimensions: {known} (defined in {file}); give the date a grain as date:day|week|month|quarter|year.',
    exit: EXIT.usage,
  },
  METRICS_UNKNOWN_FILTER: {
    message: 'Unknown filter `{name}`.',
    hint: 'Filter with from, to and: {known}.',
    exit: EXIT.usage,
  },
  METRICS_DIMENSION_UNSUPPORTED: {
    message: 'Metric `{metric}` cannot be sliced by `{dimension}`.',
    hint: '`{metric}` can be sliced by: {supported}. Drop `{dimension}` or request it with another metric.',
    exit: EXIT.usage,
  },
  METRICS_UNKNOWN_ANALYSIS: {
    message: 'Unknown analysis `{name}`.',
    hint: 'Analyses: {known}.',
    exit: EXIT.usage,
  },
  METRICS_BAD_REQUEST: {
    message: 'Bad metrics request: {detail}.',
    hint: 'See docs/dashboard-api.md for the accepted parameters.',
    exit: EXIT.usage,
  },
  METRICS_MART_MISSING: {
    message: 'The metrics need `{relation}`, which is not in the warehouse.',
    hint: 'Build the project first (`mercator build --project-dir {dir}`), or fix the model name in {file}.',
    exit: EXIT.failure,
  },
  METRICS_COLUMN_MISSING: {
    message: '{file} refers to column `{column}`, which {relation} does not have.',
    hint: 'Fix the column name in {file} (or rebuild the model if it gained the column): `{relation}` has {known}.',
    exit: EXIT.usage,
  },
  SERVE_NOT_FOUND: {
    message: 'Nothing at {path}.',
    hint: 'Pages: / /sales /products /geography /customers /payments /marketing /funnel /operations; the API is under /api (docs/dashboard-api.md).',
    exit: EXIT.usage,
  },
  SERVE_LOGIN_REQUIRED: {
    message: 'Login required.',
    hint: 'Sign in at /login; the server has users in the `serve:` section of mercator.yml.',
    exit: EXIT.usage,
  },
  SERVE_LOGIN_FAILED: {
    message: 'Wrong username or password.',
    hint: 'Check both; an administrator sets a new password with `mercator serve hash-password` and mercator.yml `serve.users`.',
    exit: EXIT.usage,
  },
  SERVE_IP_FORBIDDEN: {
    message: 'Address {ip} is not allowed to use this dashboard.',
    hint: 'Ask an administrator to add it to `serve.allow_ips` in mercator.yml.',
    exit: EXIT.usage,
  },
  SERVE_PORT_IN_USE: {
    message: 'Port {port} on {host} is already in use.',
    hint: 'Stop the other server (often another `mercator serve`) or pick a port with --port.',
    exit: EXIT.usage,
  },
  SERVE_LISTEN_FAILED: {
    message: 'Cannot listen on {host} port {port}: {detail}',
    hint: 'Pass --host with an address of this machine (127.0.0.1, or 0.0.0.0 for every interface) and --port with a port you may open (1024 or above unless you are root; 0 picks a free one).',
    exit: EXIT.usage,
  },
} as const satisfies Record<string, ErrorSpec>;
