import { createHash } from 'node:crypto';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { MacroReturn } from '../../jinja/index.js';
import type { SqlDialect } from '../../warehouse/warehouse.js';
import { MercatorError } from '../../errors/index.js';
import type { ResolvedTarget } from '../project/load-profile.js';
import type { ManifestNode } from '../project/node-types.js';
import { adapterObject } from './adapter-object.js';
import type { QuotePolicy } from './quote-policy.js';
import { AgateTable, emptyTable } from './agate-table.js';
import { argAt, splitArgs } from './call-args.js';
import type { MacroIndex } from './macro-index.js';
import { MacroScope } from './macro-scope.js';
import { pyDateTime, sharedPythonModules } from './python-modules.js';
import { makeRelation, type Relation } from './relation.js';
import type { RenderIo } from './render-io.js';

/** Everything one render needs; nothing here is read from a global. */
export interface DbtContextOptions {
  projectName: string;
  macros: MacroIndex;
  dialect: SqlDialect;
  adapterType: string;
  target: ResolvedTarget;
  /** Looks up a var (CLI --vars over dbt_project.yml vars); undefined when unset. */
  lookupVar: (name: string, packageName: string) => unknown;
  env: Readonly<Record<string, string | undefined>>;
  node: ManifestNode | null;
  packageName: string;
  io: RenderIo;
  execute: boolean;
  isIncremental: boolean;
  flags: Record<string, unknown>;
  ref: (name: string, pkg: string | null, version: unknown) => Relation;
  source: (source: string, table: string) => Relation;
  /** config(...) calls land here (parse time); `config.get` reads `configValues`. */
  onConfig: (values: Record<string, unknown>) => void;
  configValues: () => Record<string, unknown>;
  dispatch: ReadonlyMap<string, readonly string[]>;
  /** dbt_project.yml `quoting:` (null or absent: every part quoted). */
  quoting?: QuotePolicy | null;
  log: (message: string, info: boolean) => void;
  thisRelation: Relation | null;
  /** Called when a ref names a model version, which is ignored. */
  onVersionedRef?: (name: string, version: unknown) => void;
  /** Extra names (e.g. `model`, `sql` for tests); they win over everything else. */
  extra?: Record<string, unknown>;
  invocationId: string;
  runStartedAt: Date;
  /** dbt's `graph` (nodes, sources, ... as manifest dicts); read lazily, so renders that never name it never build it. */
  graph?: () => Record<string, unknown>;
  /** `selected_resources`: unique ids of the selected nodes. */
  selectedResources?: readonly string[];
}

/** Marker class of dbt contexts (the Proxy reports its prototype). */
class DbtContext {}

/** Builds the dbt context as a Proxy: fixed names first, then macros (lazy), then package namespaces. */
export function buildDbtContext(o: DbtContextOptions): Record<string, unknown> {
  let proxy: Record<string, unknown>;
  const scope = new MacroScope(o.macros, o.packageName, () => proxy);
  const nodeName = o.node?.uniqueId ?? 'project';
  let resultMap: Map<string, unknown> | null = null; // statement results, created by the first statement
  const results = (): Map<string, unknown> => (resultMap ??= new Map());

  const configFn = Object.assign(
    (...args: unknown[]) => {
      const { positional, kwargs } = splitArgs(args);
      const first = positional[0];
      o.onConfig(first && typeof first === 'object' ? { ...(first as Record<string, unknown>), ...kwargs } : kwargs);
      return '';
    },
    {
      get: (name: string, fallback: unknown = null) => o.configValues()[name] ?? fallback,
      require: (name: string) => {
        const v = o.configValues()[name];
        if (v === undefined) throw new MercatorError('TRANSFORM_COMPILER_ERROR', { node: nodeName, detail: `config \`${name}\` is required` });
        return v;
      },
      set: () => '',
      persist_relation_docs: () => false,
      persist_column_docs: () => false,
    },
  );

  const varFn = Object.assign(
    (name: string, ...rest: unknown[]) => {
      const { positional } = splitArgs(rest);
      const found = o.lookupVar(name, o.packageName);
      if (found !== undefined) return found;
      if (positional.length > 0) return positional[0];
      if (!o.execute) return null;
      throw new MercatorError('TRANSFORM_COMPILER_ERROR', { node: nodeName, detail: `Required var '${name}' not found in config: pass it with --vars or set it in dbt_project.yml vars` });
    },
    { has_var: (name: string) => o.lookupVar(name, o.packageName) !== undefined },
  );

  const envVar = (name: string, ...rest: unknown[]): string => {
    const { positional } = splitArgs(rest);
    const v = o.env[name] ?? (positional[0] === undefined ? undefined : String(positional[0]));
    if (v === undefined) throw new MercatorError('TRANSFORM_ENV_VAR_MISSING', { name, where: nodeName });
    return v;
  };

  const statement = (name: string | null, sql: string, fetch: boolean): string => {
    const result = o.io.query(sql);
    const table = result ? new AgateTable(result) : emptyTable();
    if (name) results().set(name, { response: { code: 'OK', rows_affected: result?.rows.length ?? 0 }, data: fetch ? table.rows : [], table: fetch ? table : null });
    return '';
  };

  // One flat object literal (one shape for every render); the render-independent values are built once and shared.
  const sh = sharedContext(o);
  const base: Record<string, unknown> = {
    ref: (...args: unknown[]) => {
      const { positional, kwargs } = splitArgs(args);
      const version = kwargs.v ?? kwargs.version;
      if (version !== undefined && version !== null) o.onVersionedRef?.(String(positional[positional.length - 1]), version);
      return positional.length >= 2 ? o.ref(String(positional[1]), String(positional[0]), version) : o.ref(String(positional[0]), null, version);
    },
    source: (s: string, t: string) => o.source(s, t),
    config: configFn,
    var: varFn,
    env_var: envVar,
    this: o.thisRelation,
    target: { name: o.target.targetName, schema: o.target.schema, database: o.target.database, type: o.target.type, threads: o.target.threads, profile_name: o.target.profileName, ...o.target.settings, schema_: o.target.schema },
    is_incremental: () => o.isIncremental,
    execute: o.execute,
    flags: sh.flags,
    project_name: sh.project_name,
    invocation_id: sh.invocation_id,
    run_started_at: sh.run_started_at,
    dbt_version: sh.dbt_version,
    model: o.node ? nodeAsTemplateValue(o.node) : null,
    database: o.node?.database ?? o.target.database,
    schema: o.node?.schema ?? o.target.schema,
    run_query: (sql: string) => {
      const result = o.io.query(String(sql));
      return o.execute ? (result ? new AgateTable(result) : emptyTable()) : null;
    },
    __mercator_statement: statement,
    __mercator_store_result: (name: string, message: unknown, res: unknown) => void results().set(name, { response: message, data: res, table: res }),
    load_result: (name: string) => resultMap?.get(name) ?? (o.execute ? { response: null, data: [], table: emptyTable() } : null),
    log: sh.log,
    print: sh.print,
    return: sh.return,
    exceptions: {
      raise_compiler_error: (msg: unknown) => {
        throw new MercatorError('TRANSFORM_COMPILER_ERROR', { node: nodeName, detail: String(msg) });
      },
      warn: (msg: unknown) => {
        o.log(`warning: ${String(msg)}`, true);
        return '';
      },
      // dbt's own API: a macro declares that it has no implementation for this adapter.
      raise_not_implemented: (msg: unknown) => {
        throw new MercatorError('TRANSFORM_COMPILER_ERROR', { node: nodeName, detail: `not implemented: ${String(msg)}` });
      },
    },
    modules: sh.modules,
    api: sh.api,
    fromjson: sh.fromjson,
    tojson: sh.tojson,
    fromyaml: sh.fromyaml,
    toyaml: sh.toyaml,
    zip: sh.zip,
    set: sh.set,
    local_md5: sh.local_md5,
    should_store_failures: () => o.configValues().store_failures === true,
    should_full_refresh: sh.should_full_refresh,
    get_where_subquery: sh.get_where_subquery,
  };
  if (o.extra) Object.assign(base, o.extra);
  // `adapter` is built on first use: most renders never touch it.
  let adapter: Record<string, unknown> | undefined;
  const adapterOf = (): Record<string, unknown> => (adapter ??= adapterObject({ type: o.adapterType, dialect: o.dialect, io: o.io, scope, dispatch: o.dispatch, nodeName, quoting: o.quoting ?? null }));

  proxy = new Proxy(base, {
    // A non-plain prototype makes the template engine look names up with `in`, which reaches the `has` trap.
    getPrototypeOf: () => DbtContext.prototype,
    get(t, prop) {
      if (typeof prop !== 'string') return undefined;
      if (prop in t) return t[prop];
      if (prop === 'adapter') return adapterOf();
      if (prop === 'graph') return o.graph ? o.graph() : sh.graph;
      if (prop === 'selected_resources') return o.selectedResources ?? sh.selected_resources;
      const macro = scope.lookup(prop);
      if (macro) return macro;
      if (scope.hasPackage(prop)) return scope.namespace(prop);
      return undefined;
    },
    has(t, prop) {
      if (typeof prop !== 'string') return false;
      return prop in t || prop === 'adapter' || prop === 'graph' || prop === 'selected_resources' || scope.lookup(prop) !== undefined || scope.hasPackage(prop);
    },
  });
  return proxy;
}

// Names whose values are the same for every render of a project, built once per set of options they read.
const shared = new WeakMap<object, { key: unknown[]; value: Record<string, unknown> }>();

/** The render-independent values of the context, built once per project run. */
function sharedContext(o: DbtContextOptions): Record<string, unknown> {
  const key = [o.projectName, o.dialect, o.flags, o.invocationId, o.runStartedAt, o.log];
  const hit = shared.get(o.macros);
  if (hit && hit.key.every((k, i) => k === key[i])) return hit.value;
  const value: Record<string, unknown> = {
    flags: o.flags,
    project_name: o.projectName,
    invocation_id: o.invocationId,
    run_started_at: pyDateTime(o.runStartedAt),
    dbt_version: '1.9.0',
    log: (msg: unknown, ...rest: unknown[]) => {
      o.log(String(msg), Boolean(argAt(splitArgs(rest), 0, 'info', false)));
      return '';
    },
    print: (msg: unknown) => {
      o.log(String(msg), true);
      return '';
    },
    return: (value: unknown) => {
      throw new MacroReturn(value);
    },
    modules: sharedPythonModules,
    api: { Relation: { create: (...args: unknown[]) => relationCreate(o.dialect, args), add_ephemeral_prefix: (name: string) => `__dbt__cte__${name}` } },
    fromjson: (s: string, fallback: unknown = null) => {
      try { return JSON.parse(s) as unknown; } catch { return fallback; }
    },
    tojson: (v: unknown) => JSON.stringify(v),
    fromyaml: (s: string, fallback: unknown = null) => {
      try { return parseYaml(s) as unknown; } catch { return fallback; }
    },
    toyaml: (v: unknown) => stringifyYaml(v),
    zip: (...lists: unknown[][]) => (lists[0] ?? []).map((_, i) => lists.map((l) => l[i])),
    set: (v: Iterable<unknown>) => [...new Set(v)],
    local_md5: (s: string) => createHash('md5').update(String(s)).digest('hex'),
    should_full_refresh: () => Boolean(o.flags.FULL_REFRESH),
    get_where_subquery: (relation: unknown) => relation,
    graph: { nodes: {}, sources: {}, exposures: {}, metrics: {}, groups: {}, semantic_models: {}, saved_queries: {} },
    selected_resources: [],
  };
  shared.set(o.macros, { key, value });
  return value;
}

/** `api.Relation.create(database=, schema=, identifier=, type=)`. */
function relationCreate(dialect: SqlDialect, args: unknown[]): Relation {
  const parts = splitArgs(args);
  return makeRelation(
    dialect,
    (argAt(parts, 0, 'database', null) as string | null) ?? null,
    String(argAt(parts, 1, 'schema', '')),
    String(argAt(parts, 2, 'identifier', '')),
    (argAt(parts, 3, 'type', null) as Relation['type']) ?? null,
  );
}

/** The `model` / `node` value templates read: dbt's snake_case field names. */
export function nodeAsTemplateValue(node: ManifestNode): Record<string, unknown> {
  return {
    unique_id: node.uniqueId,
    name: node.name,
    resource_type: node.resourceType,
    package_name: node.packageName,
    original_file_path: node.originalFilePath,
    path: node.path,
    fqn: node.fqn,
    config: node.config,
    tags: node.tags,
    description: node.description,
    meta: node.meta,
    schema: node.schema,
    database: node.database,
    alias: node.alias,
    raw_code: node.rawCode,
    raw_sql: node.rawCode,
    columns: node.columns,
    depends_on: node.dependsOn,
    refs: node.refs,
    sources: node.sources,
    version: null,
  };
}
