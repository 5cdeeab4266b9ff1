import type { NodeConfig, ManifestNode } from './node-types.js';
import { newNode, shortHash } from './new-node.js';
import type { TestSpec } from './read-properties.js';

// Keys that configure a test when written next to its arguments (dbt accepts them at the top level).
const CONFIG_KEYS = new Set(['severity', 'where', 'limit', 'warn_if', 'error_if', 'store_failures', 'store_failures_as', 'enabled', 'tags', 'meta', 'fail_calc', 'schema', 'alias', 'database']);

/** A YAML test entry split into the test's name, arguments and config. */
export interface ParsedTestEntry {
  testName: string;
  namespace: string | null;
  args: Record<string, unknown>;
  config: NodeConfig;
  customName: string | null;
}

/** Reads `unique`, `{accepted_values: {values: [...]}}`, `{name: x, test_name: y}` and the `arguments:` spelling. */
export function parseTestEntry(entry: unknown): ParsedTestEntry {
  let fullName: string;
  let body: Record<string, unknown> = {};
  if (typeof entry === 'string') fullName = entry;
  else {
    const obj = { ...(entry as Record<string, unknown>) };
    if (typeof obj.test_name === 'string') {
      fullName = obj.test_name;
      delete obj.test_name;
      body = obj;
    } else {
      const key = Object.keys(obj).find((k) => k !== 'name') ?? '';
      fullName = key;
      body = { ...((obj[key] as Record<string, unknown> | null) ?? {}) };
      if (typeof obj.name === 'string' && body.name === undefined) body.name = obj.name;
    }
  }
  const dot = fullName.lastIndexOf('.');
  const namespace = dot > 0 ? fullName.slice(0, dot) : null;
  const testName = dot > 0 ? fullName.slice(dot + 1) : fullName;
  const args: Record<string, unknown> = { ...((body.arguments as Record<string, unknown>) ?? {}) };
  const config: NodeConfig = { ...((body.config as Record<string, unknown>) ?? {}) };
  for (const [k, v] of Object.entries(body)) {
    if (k === 'arguments' || k === 'config' || k === 'name' || k === 'description') continue;
    if (CONFIG_KEYS.has(k)) config[k] = v;
    else args[k] = v;
  }
  return { testName, namespace, args, config, customName: typeof body.name === 'string' ? body.name : null };
}

const pyStr = (v: unknown): string => (v === true ? 'True' : v === false ? 'False' : v === null || v === undefined ? 'None' : String(v));
const flat = (v: unknown): string[] => (Array.isArray(v) ? v.flatMap(flat) : v && typeof v === 'object' ? Object.values(v).flatMap(flat) : [pyStr(v)]);
const parts = (v: unknown): string[] => (Array.isArray(v) ? v.map(pyStr) : v && typeof v === 'object' ? Object.values(v).map(pyStr) : [pyStr(v)]);

/** dbt's test name: `accepted_values_orders_status__placed__shipped` (arguments sorted by name), hashed past 64 characters. */
export function genericTestName(parsed: ParsedTestEntry, spec: TestSpec): string {
  if (parsed.customName) return parsed.customName;
  const args: Record<string, unknown> = { ...parsed.args };
  if (spec.columnName && args.column_name === undefined) args.column_name = spec.columnName;
  const flatArgs = Object.keys(args)
    .filter((k) => k !== 'model')
    .sort()
    .flatMap((k) => parts(args[k]))
    .map((a) => a.replace(/[^0-9a-zA-Z_]+/g, '_'));
  const target = spec.attachedKind === 'sources' ? `source_${parsed.testName}_${spec.sourceName}_${spec.attachedName}` : `${parsed.testName}_${spec.attachedName}`;
  const prefix = parsed.namespace ? `${parsed.namespace}_` : '';
  const full = `${prefix}${target}_${flatArgs.join('__')}`.replace(/_$/, flatArgs.length ? '_' : '');
  return full.length >= 64 ? `${full.slice(0, 30)}_${shortHash(full, 32)}` : full;
}

/** Creates the test node for one YAML test; `attached` is the model, seed, snapshot or source it tests. */
export function genericTestNode(spec: TestSpec, parsed: ParsedTestEntry, attached: ManifestNode): ManifestNode {
  const name = genericTestName(parsed, spec);
  const folders = spec.relativeFile.split('/').slice(1, -1);
  const node = newNode({
    resourceType: 'test',
    uniqueId: `test.${spec.packageName}.${name}.${shortHash(`${name}|${spec.file}`)}`,
    name,
    packageName: spec.packageName,
    originalFilePath: spec.relativeFile,
    absolutePath: spec.file,
    path: `${name}.sql`,
    fqn: [spec.packageName, ...folders, name],
    rawCode: `{{ test_${parsed.testName}(**_dbt_generic_test_kwargs) }}`,
  });
  const columnName = (parsed.args.column_name as string | undefined) ?? spec.columnName;
  node.testMetadata = { name: parsed.testName, namespace: parsed.namespace, kwargs: parsed.args, columnName, attachedNode: attached.uniqueId };
  node.dependsOn.nodes.push(attached.uniqueId);
  if (attached.resourceType === 'source') node.sources.push([attached.sourceName!, attached.name]);
  else node.refs.push({ name: attached.name, package: null });
  for (const text of flat(parsed.args)) {
    for (const m of text.matchAll(/\bref\(\s*['"]([\w.-]+)['"]\s*(?:,\s*['"]([\w.-]+)['"]\s*)?\)/g)) {
      node.refs.push(m[2] ? { name: m[2], package: m[1]! } : { name: m[1]!, package: null });
    }
    for (const m of text.matchAll(/\bsource\(\s*['"]([\w.-]+)['"]\s*,\s*['"]([\w.-]+)['"]\s*\)/g)) node.sources.push([m[1]!, m[2]!]);
  }
  return node;
}
