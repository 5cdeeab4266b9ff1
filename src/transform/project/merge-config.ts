import type { NodeConfig } from './node-types.js';

const APPEND_KEYS = new Set(['tags', 'pre-hook', 'post-hook', 'pre_hook', 'post_hook', 'grants']);
const DICT_KEYS = new Set(['meta', 'docs', 'persist_docs']);

const asList = (v: unknown): unknown[] => (v === undefined || v === null ? [] : Array.isArray(v) ? v : [v]);

/** Normalizes `pre_hook` → `pre-hook` and `+key` → `key`. */
export function normalizeConfigKey(key: string): string {
  const bare = key.startsWith('+') ? key.slice(1) : key;
  return bare === 'pre_hook' ? 'pre-hook' : bare === 'post_hook' ? 'post-hook' : bare;
}

/** Merges `update` over `base` the way dbt does: tags and hooks append, meta/docs merge, the rest overrides. */
export function mergeConfig(base: NodeConfig, update: Readonly<Record<string, unknown>>): NodeConfig {
  const out: NodeConfig = { ...base };
  for (const [rawKey, value] of Object.entries(update)) {
    const key = normalizeConfigKey(rawKey);
    if (value === undefined) continue;
    if (APPEND_KEYS.has(key)) {
      const merged = [...asList(out[key]), ...asList(value)];
      out[key] = key === 'tags' ? [...new Set(merged)] : merged;
    } else if (DICT_KEYS.has(key) && value && typeof value === 'object' && !Array.isArray(value)) {
      out[key] = { ...((out[key] as Record<string, unknown>) ?? {}), ...(value as Record<string, unknown>) };
    } else {
      out[key] = value;
    }
  }
  return out;
}
