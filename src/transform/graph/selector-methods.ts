import { MercatorError } from '../../errors/index.js';
import type { ManifestNode } from '../project/node-types.js';

/** Matches a node against one method's value. */
export type SelectorMethod = (node: ManifestNode, value: string, ctx: SelectorMethodContext) => boolean;

/** What methods may consult beyond the node: the previous manifest for `state:`. */
export interface SelectorMethodContext {
  stateNodes?: ReadonlyMap<string, { checksum: string; config: Record<string, unknown>; relation?: { schema: string; name: string } }>;
}

const globRe = (pattern: string): RegExp => new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
const glob = (pattern: string, text: string): boolean => (pattern.includes('*') || pattern.includes('?') ? globRe(pattern).test(text) : pattern === text);

const fqnMatch = (node: ManifestNode, value: string): boolean => {
  if (glob(value, node.name)) return true;
  const parts = value.split('.');
  const fqn = node.resourceType === 'source' ? node.fqn : node.fqn;
  // `shop.staging` selects everything under that folder; `shop.staging.stg_orders` one node.
  if (parts.length > fqn.length) return false;
  return parts.every((p, i) => glob(p, fqn[i] ?? '')) || (parts.length > 1 && parts.every((p, i) => glob(p, fqn[fqn.length - parts.length + i] ?? '')));
};

const pathMatch = (node: ManifestNode, value: string): boolean => {
  const v = value.replace(/^\.\//, '').replace(/\/$/, '');
  const file = node.originalFilePath;
  return glob(v, file) || file.startsWith(`${v}/`) || file === v;
};

const configValue = (node: ManifestNode, key: string): unknown => key.split('.').reduce<unknown>((acc, k) => (acc && typeof acc === 'object' ? (acc as Record<string, unknown>)[k] : undefined), node.config);

/** The selector methods by name (`default` is a bare name or path). */
export const selectorMethods: Record<string, SelectorMethod> = {
  default: (n, v) => (v.includes('/') || v.endsWith('.sql') || v.endsWith('.csv') ? pathMatch(n, v) : fqnMatch(n, v)),
  fqn: (n, v) => fqnMatch(n, v),
  tag: (n, v) => n.tags.some((t) => glob(v, t)),
  path: (n, v) => pathMatch(n, v),
  file: (n, v) => glob(v, n.originalFilePath.replace(/^.*\//, '')),
  resource_type: (n, v) => n.resourceType === v,
  package: (n, v) => glob(v, n.packageName),
  source: (n, v) => {
    if (n.resourceType !== 'source') return false;
    const [s, t] = v.split('.');
    return glob(s ?? '', n.sourceName ?? '') && (t === undefined || glob(t, n.name));
  },
  test_type: (n, v) => (v === 'unit' ? n.resourceType === 'unit_test' : n.resourceType === 'test' && (v === 'generic' ? Boolean(n.testMetadata) : (v === 'singular' || v === 'data') && !n.testMetadata)),
  test_name: (n, v) => n.testMetadata?.name === v,
  state: (n, v, ctx) => {
    if (!ctx.stateNodes) throw new MercatorError('TRANSFORM_SELECTOR_INVALID', { selector: `state:${v}`, detail: 'needs --state <dir with manifest.json>' });
    const before = ctx.stateNodes.get(n.uniqueId);
    if (v === 'new') return !before;
    const body = (): boolean => !before || before.checksum !== n.checksum;
    const configs = (): boolean => !before || JSON.stringify(before.config) !== JSON.stringify(n.config);
    const relation = (): boolean => !before || !before.relation || before.relation.schema !== n.schema || before.relation.name !== n.alias;
    if (v === 'modified') return body() || configs();
    if (v === 'modified.body') return body();
    if (v === 'modified.configs') return configs();
    if (v === 'modified.relation') return n.resourceType !== 'test' && n.resourceType !== 'source' && relation();
    if (v === 'unmodified') return Boolean(before) && before!.checksum === n.checksum;
    return false;
  },
};

/** The method for `name`; `config.<key>` is handled here too. */
export function selectorMethod(name: string): SelectorMethod {
  if (name.startsWith('config.')) {
    const key = name.slice('config.'.length);
    return (n, v) => {
      const c = configValue(n, key);
      return Array.isArray(c) ? c.map(String).includes(v) : String(c) === v;
    };
  }
  const m = selectorMethods[name];
  if (!m) throw new MercatorError('TRANSFORM_SELECTOR_INVALID', { selector: `${name}:`, detail: `unknown method \`${name}\`` });
  return m;
}
