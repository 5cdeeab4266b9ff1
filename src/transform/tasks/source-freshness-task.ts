import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Warehouse } from '../../warehouse/warehouse.js';
import { nodeRelation } from '../compile/node-relation.js';
import type { ManifestNode } from '../project/node-types.js';
import { freshnessStatus } from './freshness-status.js';
import { runTransformTask } from './run-transform-task.js';
import type { TransformTaskOptions } from './task-options.js';
import { openTargetWarehouse } from './open-target-warehouse.js';
import { loadProjectTree } from '../project/load-project.js';
import { resolveTarget } from '../project/load-profile.js';

/** One source's freshness result. */
export interface FreshnessResult {
  uniqueId: string;
  status: 'pass' | 'warn' | 'error' | 'runtime error';
  maxLoadedAt: string | null;
  ageSeconds: number | null;
  message: string;
}

/** `source freshness`: for each selected source with `freshness` and `loaded_at_field`, checks the newest row's age; writes target/sources.json. */
export async function runSourceFreshness(o: TransformTaskOptions): Promise<{ results: FreshnessResult[]; success: boolean }> {
  const projectDir = resolve(o.projectDir);
  let warehouse: Warehouse | undefined = o.warehouse;
  if (!warehouse) {
    const tree = loadProjectTree(projectDir);
    warehouse = await openTargetWarehouse(resolveTarget({ profilesDir: o.profilesDir, projectDir, profileName: tree.root.file.profile ?? tree.root.name, target: o.target, env: o.env }), projectDir);
  }
  try {
    const listed = await runTransformTask('ls', { ...o, warehouse, resourceTypes: ['source'] });
    const sources = listed.selected.map((id) => listed.project.manifest.sources.get(id)).filter((s): s is ManifestNode => Boolean(s?.freshness && s.loadedAtField));
    const results: FreshnessResult[] = [];
    for (const source of sources) results.push(await checkSource(warehouse, source, listed.project.runtime.dialect, new Date()));
    for (const r of results) {
      o.logger.emit({ type: 'SourceFreshness', level: r.status === 'pass' ? 'info' : r.status === 'warn' ? 'warn' : 'error', message: `${r.status.toUpperCase()} freshness of ${r.uniqueId.replace(/^source\.[^.]+\./, '')}: ${r.message}`, data: { unique_id: r.uniqueId, status: r.status, max_loaded_at: r.maxLoadedAt, age_seconds: r.ageSeconds } });
    }
    if (o.writeArtifacts !== false) {
      const dir = resolve(projectDir, 'target');
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'sources.json'), JSON.stringify({ metadata: { generated_at: new Date().toISOString() }, results: results.map((r) => ({ unique_id: r.uniqueId, status: r.status, max_loaded_at: r.maxLoadedAt, max_loaded_at_time_ago_in_s: r.ageSeconds })) }, null, 2));
    }
    return { results, success: results.every((r) => r.status === 'pass' || r.status === 'warn') };
  } finally {
    if (!o.warehouse) await warehouse.close();
  }
}

async function checkSource(wh: Warehouse, source: ManifestNode, dialect: Parameters<typeof nodeRelation>[0], now: Date): Promise<FreshnessResult> {
  const freshness = source.freshness as { warn_after?: { count?: number; period?: string }; error_after?: { count?: number; period?: string }; filter?: string };
  const where = freshness.filter ? ` where ${freshness.filter}` : '';
  try {
    const r = await wh.query(`select max(${source.loadedAtField}) as max_loaded_at from ${nodeRelation(dialect, source).render()}${where}`);
    const raw = r.rows[0]?.max_loaded_at;
    const text = raw === null || raw === undefined ? null : String(raw);
    // Timestamps without a zone are read as UTC, as dbt does; an hour-only offset (`+00`, DuckDB's TIMESTAMPTZ text) gets its minutes for Date.parse.
    const iso = text === null ? null : text.replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00');
    const loaded = iso === null ? null : Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(iso) ? iso : `${iso}Z`);
    const age = loaded === null || Number.isNaN(loaded) ? null : Math.round((now.getTime() - loaded) / 1000);
    const row = { max_loaded_at: text };
    const status = freshnessStatus(age, freshness);
    return { uniqueId: source.uniqueId, status, maxLoadedAt: row.max_loaded_at, ageSeconds: age, message: age === null ? 'no rows' : `newest row is ${Math.round(age / 60)} minutes old` };
  } catch (err) {
    return { uniqueId: source.uniqueId, status: 'runtime error', maxLoadedAt: null, ageSeconds: null, message: err instanceof Error ? err.message.split('\n')[0]! : String(err) };
  }
}
