import { MercatorError } from '../../errors/index.js';
import type { ManifestNode } from '../project/node-types.js';

/** A snapshot's validated settings. */
export interface SnapshotSettings {
  uniqueKey: string[];
  strategy: 'timestamp' | 'check';
  updatedAt: string | null;
  checkCols: string[] | 'all';
  hardDeletes: 'ignore' | 'invalidate' | 'new_record';
  /** SQL for dbt_valid_to of current rows (NULL unless dbt_valid_to_current is set). */
  validToCurrent: string | null;
}

const list = (v: unknown): string[] => (v === undefined || v === null ? [] : Array.isArray(v) ? v.map(String) : [String(v)]);

/** Reads unique_key, strategy, updated_at, check_cols, hard_deletes (or legacy invalidate_hard_deletes) and dbt_valid_to_current. */
export function snapshotSettings(node: ManifestNode): SnapshotSettings {
  const c = node.config;
  const fail = (detail: string): never => {
    throw new MercatorError('TRANSFORM_COMPILER_ERROR', { node: node.uniqueId, detail });
  };
  const uniqueKey = list(c.unique_key);
  if (uniqueKey.length === 0) fail('snapshots need a unique_key');
  const strategy = String(c.strategy ?? '');
  if (strategy !== 'timestamp' && strategy !== 'check') fail(`snapshot strategy must be timestamp or check, not \`${strategy}\``);
  if (strategy === 'timestamp' && !c.updated_at) fail('the timestamp strategy needs updated_at');
  const checkCols = c.check_cols === 'all' ? 'all' : list(c.check_cols);
  if (strategy === 'check' && checkCols !== 'all' && checkCols.length === 0) fail('the check strategy needs check_cols (a list or "all")');
  const hard = String(c.hard_deletes ?? (c.invalidate_hard_deletes === true ? 'invalidate' : 'ignore'));
  if (hard !== 'ignore' && hard !== 'invalidate' && hard !== 'new_record') fail(`hard_deletes must be ignore, invalidate or new_record, not \`${hard}\``);
  return {
    uniqueKey,
    strategy: strategy as SnapshotSettings['strategy'],
    updatedAt: c.updated_at ? String(c.updated_at) : null,
    checkCols,
    hardDeletes: hard as SnapshotSettings['hardDeletes'],
    validToCurrent: c.dbt_valid_to_current ? String(c.dbt_valid_to_current) : null,
  };
}
