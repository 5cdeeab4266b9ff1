// Does: the operations page's data: pipeline runs and their steps, latest test results, source freshness and
// the lineage graph, read from the run history (`_mercator.runs`, `run_nodes`, `test_results`,
// `source_freshness`) when present, else from target/run_results.json, target/manifest.json and `_mercator.loads`.
// Does not: write anything; every statement here is a fixed SELECT.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Warehouse } from '../warehouse/index.js';
import { jsonValue, type ResultColumn } from '../metrics/index.js';

/** One step of a run. */
export interface RunStep {
  /** The node's unique id (`model.shop.fct_orders`, `test.shop.unique_x.1a2b3c`) or `ingest:<source>.<stream>`. */
  name: string;
  /** The short name a person reads (`fct_orders`, `unique_x`). */
  label: string;
  kind: string;
  status: string;
  rows: number | null;
  durationMs: number | null;
  error: string | null;
}

/** One pipeline run, newest first in /api/ops/runs. */
export interface RunInfo {
  runId: string;
  command?: string;
  status: string;
  startedAt: string | null;
  finishedAt: string | null;
  durationMs: number | null;
  steps: RunStep[];
}

/** A table answer (the shape /api/metrics uses). */
export interface OpsTable {
  columns: ResultColumn[];
  rows: (string | number | null)[][];
}

/** Lineage graph of the project's nodes. */
export interface Lineage {
  nodes: { id: string; name: string; resourceType: string; layer: string }[];
  edges: { from: string; to: string }[];
}

/** Freshness thresholds when the run history does not say: older than a day warns, older than two errors. */
const WARN_AFTER_S = 24 * 3600;
const ERROR_AFTER_S = 48 * 3600;

const iso = (ms: unknown): string | null => (typeof ms === 'number' || typeof ms === 'bigint' ? new Date(Number(ms)).toISOString() : null);
const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(jsonValue(v as never)));
const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

interface RunResultsFile {
  metadata?: { generated_at?: string; invocation_id?: string };
  elapsed_time?: number;
  results?: { unique_id: string; status: string; message?: string | null; failures?: number | null; execution_time?: number; adapter_response?: { rows_affected?: number } }[];
}

interface ManifestNode {
  unique_id?: string;
  name: string;
  resource_type: string;
  fqn?: string[];
  depends_on?: { nodes?: string[] };
  attached_node?: string;
  column_name?: string;
  test_metadata?: { name?: string };
}

/** `model.shop.fct_orders` → `fct_orders`; `test.shop.unique_x.1a2b3c` → `unique_x`; other names unchanged. */
export function stepLabel(name: string): string {
  const parts = name.split('.');
  return /^(model|test|seed|snapshot|source|unit_test|analysis)$/.test(parts[0] ?? '') && parts.length >= 3 ? parts.slice(2, parts[0] === 'test' && parts.length > 3 ? -1 : undefined).join('.') : name;
}

/** Reads the ops data of one project. */
export class OpsData {
  constructor(
    private readonly warehouse: Warehouse,
    private readonly projectDir: string,
  ) {}

  private async tables(): Promise<Set<string>> {
    const rows = await this.warehouse.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = '_mercator'`);
    return new Set(rows.rows.map((r) => String(r['table_name'])));
  }

  private readJson<T>(name: string): T | null {
    try {
      return JSON.parse(readFileSync(join(this.projectDir, 'target', name), 'utf8')) as T;
    } catch {
      return null;
    }
  }

  /** The last `limit` runs with their steps, newest first. */
  async runs(limit = 20): Promise<RunInfo[]> {
    const tables = await this.tables();
    if (tables.has('runs')) {
      const runs = await this.warehouse.query(
        `SELECT run_id, command, status, epoch_ms(started_at) AS started_ms, epoch_ms(finished_at) AS finished_ms, error
         FROM "_mercator"."runs" ORDER BY started_at DESC LIMIT ${Math.trunc(limit)}`,
      );
      const ids = runs.rows.map((r) => String(r['run_id']));
      const steps = new Map<string, RunStep[]>(ids.map((id) => [id, []]));
      if (ids.length > 0 && tables.has('run_nodes')) {
        const nodes = await this.warehouse.query(
          `SELECT run_id, node, kind, status, rows, epoch_ms(finished_at) - epoch_ms(started_at) AS duration_ms, error
           FROM "_mercator"."run_nodes" WHERE run_id IN (${ids.map((_, i) => `$${i + 1}`).join(', ')}) ORDER BY started_at, node`,
          ids,
        );
        for (const n of nodes.rows) {
          steps.get(String(n['run_id']))?.push({ name: String(n['node']), label: stepLabel(String(n['node'])), kind: String(n['kind'] ?? ''), status: String(n['status'] ?? ''), rows: num(n['rows']), durationMs: num(n['duration_ms']), error: str(n['error']) });
        }
      }
      return runs.rows.map((r) => {
        const started = num(r['started_ms']);
        const finished = num(r['finished_ms']);
        return {
          runId: String(r['run_id']),
          command: String(r['command'] ?? ''),
          status: String(r['status'] ?? ''),
          startedAt: iso(started),
          finishedAt: iso(finished),
          durationMs: started !== null && finished !== null ? finished - started : null,
          steps: steps.get(String(r['run_id'])) ?? [],
        };
      });
    }
    const results = this.readJson<RunResultsFile>('run_results.json');
    if (!results?.results) return [];
    const finished = results.metadata?.generated_at ?? null;
    const durationMs = results.elapsed_time !== undefined ? Math.round(results.elapsed_time * 1000) : null;
    const failed = results.results.some((r) => r.status === 'error' || r.status === 'fail');
    return [
      {
        runId: results.metadata?.invocation_id ?? 'last-build',
        command: 'build',
        status: failed ? 'error' : 'success',
        startedAt: finished && durationMs !== null ? new Date(Date.parse(finished) - durationMs).toISOString() : null,
        finishedAt: finished,
        durationMs,
        steps: results.results.map((r) => ({
          name: r.unique_id,
          label: stepLabel(r.unique_id),
          kind: r.unique_id.split('.')[0] ?? '',
          status: r.status,
          rows: r.adapter_response?.rows_affected ?? null,
          durationMs: r.execution_time !== undefined ? Math.round(r.execution_time * 1000) : null,
          error: r.status === 'error' || r.status === 'fail' ? (r.message ?? null) : null,
        })),
      },
    ];
  }

  /** The latest result of every data test. */
  async tests(): Promise<OpsTable> {
    const columns: ResultColumn[] = [
      { name: 'test', label: 'Test', type: 'category' },
      { name: 'node', label: 'Model', type: 'category' },
      { name: 'column', label: 'Column', type: 'category' },
      { name: 'status', label: 'Status', type: 'category' },
      { name: 'failures', label: 'Failing rows', type: 'number', format: 'count' },
      { name: 'message', label: 'Message', type: 'category' },
      { name: 'finishedAt', label: 'Finished', type: 'time' },
    ];
    const tables = await this.tables();
    if (tables.has('test_results')) {
      const rows = await this.warehouse.query(
        `SELECT test_name, attached_node, column_name, status, failures, message, epoch_ms(finished_at) AS finished_ms
         FROM "_mercator"."test_results"
         QUALIFY row_number() OVER (PARTITION BY test_id ORDER BY finished_at DESC) = 1
         ORDER BY status = 'pass', test_name`,
      );
      return { columns, rows: rows.rows.map((r) => [str(r['test_name']), str(r['attached_node']), str(r['column_name']), str(r['status']), num(r['failures']), str(r['message']), iso(num(r['finished_ms']))]) };
    }
    const results = this.readJson<RunResultsFile>('run_results.json');
    const manifest = this.readJson<{ nodes?: Record<string, ManifestNode> }>('manifest.json');
    const finished = results?.metadata?.generated_at ?? null;
    const rows = (results?.results ?? [])
      .filter((r) => r.unique_id.startsWith('test.'))
      .map((r) => {
        const node = manifest?.nodes?.[r.unique_id];
        // A singular test reading several models has no one model it belongs to.
        const parents = (node?.depends_on?.nodes ?? []).filter((n) => !n.startsWith('macro.'));
        const attached = node?.attached_node ?? (parents.length === 1 ? parents[0] : undefined);
        return [node?.name ?? r.unique_id, attached ? (attached.split('.').at(-1) ?? attached) : null, node?.column_name ?? null, r.status, r.failures ?? null, r.message ?? null, finished];
      })
      .sort((a, b) => Number(a[3] === 'pass') - Number(b[3] === 'pass') || String(a[0]).localeCompare(String(b[0])));
    return { columns, rows };
  }

  /** Per source table: when it was last loaded, how long ago, and whether that is fresh. */
  async freshness(): Promise<OpsTable> {
    const columns: ResultColumn[] = [
      { name: 'source', label: 'Source', type: 'category' },
      { name: 'table', label: 'Table', type: 'category' },
      { name: 'lastLoadedAt', label: 'Last loaded', type: 'time' },
      { name: 'ageSeconds', label: 'Age (s)', type: 'number', format: 'count' },
      { name: 'status', label: 'Status', type: 'category' },
    ];
    const tables = await this.tables();
    if (tables.has('source_freshness')) {
      const rows = await this.warehouse.query(
        `SELECT source, table_name, epoch_ms(max_loaded_at) AS loaded_ms, age_seconds, status
         FROM "_mercator"."source_freshness"
         QUALIFY row_number() OVER (PARTITION BY source, table_name ORDER BY checked_at DESC) = 1
         ORDER BY source, table_name`,
      );
      return { columns, rows: rows.rows.map((r) => [str(r['source']), str(r['table_name']), iso(num(r['loaded_ms'])), num(r['age_seconds']), str(r['status'])]) };
    }
    if (!tables.has('loads')) return { columns, rows: [] };
    const rows = await this.warehouse.query(
      `SELECT source, stream, epoch_ms(max(finished_at)) AS loaded_ms
       FROM "_mercator"."loads" WHERE status = 'success' GROUP BY source, stream ORDER BY source, stream`,
    );
    const now = Date.now();
    return {
      columns,
      rows: rows.rows.map((r) => {
        const loaded = num(r['loaded_ms']);
        const age = loaded === null ? null : Math.max(0, Math.round((now - loaded) / 1000));
        const status = age === null ? 'error' : age > ERROR_AFTER_S ? 'error' : age > WARN_AFTER_S ? 'warn' : 'pass';
        return [str(r['source']), str(r['stream']), iso(loaded), age, status];
      }),
    };
  }

  /** Models, seeds, snapshots and sources with their dependencies, from target/manifest.json. */
  lineage(): Lineage {
    const manifest = this.readJson<{ nodes?: Record<string, ManifestNode>; sources?: Record<string, ManifestNode & { source_name?: string }> }>('manifest.json');
    if (!manifest) return { nodes: [], edges: [] };
    const nodes: Lineage['nodes'] = [];
    const deps: [string, string[]][] = [];
    for (const [id, n] of Object.entries(manifest.sources ?? {})) nodes.push({ id, name: `${n.source_name ?? ''}.${n.name}`, resourceType: 'source', layer: 'source' });
    for (const [id, n] of Object.entries(manifest.nodes ?? {})) {
      if (!['model', 'seed', 'snapshot'].includes(n.resource_type)) continue;
      const folder = n.resource_type === 'model' && (n.fqn?.length ?? 0) > 2 ? n.fqn![1]! : n.resource_type;
      nodes.push({ id, name: n.name, resourceType: n.resource_type, layer: folder });
      deps.push([id, n.depends_on?.nodes ?? []]);
    }
    const ids = new Set(nodes.map((n) => n.id));
    const edges = deps.flatMap(([to, from]) => from.filter((f) => ids.has(f)).map((f) => ({ from: f, to })));
    return { nodes, edges };
  }
}
