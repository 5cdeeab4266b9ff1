import { mergeConfig } from './merge-config.js';
import type { NodeConfig } from './node-types.js';

// Keys a folder config may set without a `+` prefix (dbt accepts both spellings for known configs).
const KNOWN = new Set([
  'enabled', 'materialized', 'schema', 'alias', 'database', 'tags', 'meta', 'docs', 'pre-hook', 'post-hook', 'pre_hook', 'post_hook',
  'unique_key', 'incremental_strategy', 'on_schema_change', 'full_refresh', 'persist_docs', 'column_types', 'quote_columns', 'delimiter',
  'severity', 'store_failures', 'where', 'limit', 'warn_if', 'error_if', 'strategy', 'updated_at', 'check_cols', 'target_schema',
  'target_database', 'grants', 'contract', 'group', 'access', 'sql_header', 'quoting', 'hard_deletes', 'invalidate_hard_deletes',
]);

/** Configs set on one level of a dbt_project.yml resource tree (the `+key`s and known bare keys with scalar values). */
function levelConfig(level: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(level)) {
    if (key.startsWith('+')) out[key] = value;
    else if (KNOWN.has(key) && (value === null || typeof value !== 'object' || Array.isArray(value) || key === 'meta' || key === 'docs')) out[key] = value;
  }
  return out;
}

/**
 * The config a dbt_project.yml resource tree (`models:`, `seeds:` …) gives to the node with this fqn:
 * top-level keys, then the package level, then each folder level, deeper levels winning.
 */
export function folderConfig(tree: Readonly<Record<string, unknown>> | undefined, fqn: readonly string[]): NodeConfig {
  if (!tree) return {};
  let config = mergeConfig({}, levelConfig(tree as Record<string, unknown>));
  let level: unknown = tree;
  for (const part of fqn.slice(0, -1)) {
    if (!level || typeof level !== 'object') break;
    level = (level as Record<string, unknown>)[part];
    if (!level || typeof level !== 'object' || Array.isArray(level)) break;
    config = mergeConfig(config, levelConfig(level as Record<string, unknown>));
  }
  // A key equal to the node's own name configures that one node.
  if (level && typeof level === 'object') {
    const own = (level as Record<string, unknown>)[fqn[fqn.length - 1] ?? ''];
    if (own && typeof own === 'object' && !Array.isArray(own)) config = mergeConfig(config, levelConfig(own as Record<string, unknown>));
  }
  return config;
}
