// Does: resolves a postgres source's `${ENV_VAR}` references and defaults into connection settings and streams.
// Does not: connect; this is the only file of the connector that reads the environment.
import { MercatorError } from '../../errors/index.js';
import type { PostgresSourceConfig, PostgresTableConfig } from './config-schema.js';

/** Connection settings with secrets filled in. */
export interface PostgresCredentials {
  connectionString?: string;
  host: string;
  port: number;
  database: string;
  user: string;
  password?: string;
}

/** One table ready to extract. */
export interface ResolvedPostgresStream extends Omit<PostgresTableConfig, 'lookback' | 'table' | 'parallel_copies'> {
  name: string;
  table: string;
  lookback: string | number;
  parallel_copies: number;
}

/** A postgres source ready to extract. */
export interface ResolvedPostgresSource {
  type: 'postgres';
  name: string;
  schema: string;
  sourceSchema: string;
  credentials: PostgresCredentials;
  /** `host:port/database` for messages; never the password. */
  target: string;
  streams: ResolvedPostgresStream[];
}

/** Replaces `${NAME}` with the variable's value; a missing variable is INGEST_SECRET_MISSING. */
function interpolate(value: string, source: string, key: string, env: NodeJS.ProcessEnv): string {
  return value.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_whole, name: string) => {
    const found = env[name];
    if (found === undefined) throw new MercatorError('INGEST_SECRET_MISSING', { source, name, key: `sources.${source}.${key}` });
    return found;
  });
}

/** Resolves env references (`${PGPASSWORD}`) and defaults; `env` defaults to the process environment. */
export function resolvePostgresSource(name: string, config: PostgresSourceConfig, env: NodeJS.ProcessEnv = process.env): ResolvedPostgresSource {
  const get = (key: string, value: string | undefined): string | undefined => (value === undefined ? undefined : interpolate(value, name, key, env));
  const url = get('url', config.url);
  const password = get('password', config.password);
  const credentials: PostgresCredentials = {
    ...(url === undefined ? {} : { connectionString: url }),
    host: get('host', config.host)!,
    port: Number(get('port', String(config.port))),
    database: get('database', config.database)!,
    user: get('user', config.user)!,
    ...(password === undefined ? {} : { password }),
  };
  const target = url ? url.replace(/\/\/[^@/]*@/, '//') : `${credentials.host}:${credentials.port}/${credentials.database}`;
  const streams = Object.entries(config.tables).map(([table, t]): ResolvedPostgresStream => ({
    ...t,
    name: table,
    table: t.table ?? `${name}_${table}`,
    lookback: t.lookback ?? config.lookback,
    parallel_copies: t.parallel_copies ?? config.parallel_copies,
  }));
  return { type: 'postgres', name, schema: config.schema, sourceSchema: config.source_schema, credentials, target, streams };
}
