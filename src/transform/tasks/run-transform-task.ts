// Does: the task behind every transform command: parse, select, then compile or build nodes in DAG order and write artifacts.
// Does not: parse argv or print outside the Logger; the CLI commands call this.
import { resolve } from 'node:path';
import { z } from 'zod';
import { parseYamlText } from '../../config/load-yaml.js';
import type { Warehouse } from '../../warehouse/warehouse.js';
import { isMercatorError } from '../../errors/index.js';
import { writeManifestJson, writeRunResultsJson } from '../artifacts/write-artifacts.js';
import { readStateManifest } from '../artifacts/read-state.js';
import { dbtGraph } from '../artifacts/manifest-json.js';
import { Graph } from '../graph/graph.js';
import { selectNodes } from '../graph/select-nodes.js';
import { parseProject, type ParsedProject } from '../project/parse-project.js';
import { resolveTarget } from '../project/load-profile.js';
import { loadProjectTree } from '../project/load-project.js';
import type { ManifestNode } from '../project/node-types.js';
import { runDag } from '../run/dag-runner.js';
import { NewRecords } from '../run/new-records.js';
import { flushSqlArtifacts } from '../run/write-sql-artifact.js';
import { executeNode } from '../run/execute-node.js';
import type { NodeResult, RunContext } from '../run/run-types.js';
import { buildParents } from './build-parents.js';
import { runProjectHooks } from './run-project-hooks.js';
import { nodeLine } from './node-line.js';
import { summarize, type RunSummary } from './summarize.js';
import type { TransformCommand, TransformTaskOptions } from './task-options.js';
import { startTargetWarehouse } from './open-target-warehouse.js';

/** What a transform task returns: the parsed project, selected ids, per-node results and the summary. */
export interface TransformTaskResult {
  project: ParsedProject;
  selected: string[];
  results: NodeResult[];
  summary: RunSummary;
  success: boolean;
}

const TYPES: Record<TransformCommand, ReadonlySet<string> | null> = {
  parse: new Set(),
  ls: null,
  compile: new Set(['model', 'test', 'snapshot']),
  run: new Set(['model']),
  test: new Set(['test', 'unit_test']),
  seed: new Set(['seed']),
  snapshot: new Set(['snapshot']),
  build: new Set(['model', 'seed', 'snapshot', 'test', 'unit_test']),
};

/** Parses `--vars` (YAML or JSON text) into an object. */
export function parseVars(vars: TransformTaskOptions['vars']): Record<string, unknown> {
  if (!vars) return {};
  if (typeof vars === 'object') return vars;
  return { ...parseYamlText(vars, '--vars', z.record(z.string(), z.unknown())) };
}

/** Runs one transform command end to end. */
export async function runTransformTask(command: TransformCommand, o: TransformTaskOptions): Promise<TransformTaskResult> {
  const projectDir = resolve(o.projectDir);
  const tree = loadProjectTree(projectDir);
  const target = resolveTarget({ profilesDir: o.profilesDir, projectDir, profileName: tree.root.file.profile ?? tree.root.name, target: o.target, env: o.env });
  const needsWarehouse = command !== 'parse' && command !== 'ls';
  // The database starts (on its own thread) while the project is parsed.
  const starting = !o.warehouse && needsWarehouse ? await startTargetWarehouse(target, projectDir) : null;
  let warehouse: Warehouse | null = o.warehouse ?? null;
  const targetDir = o.writeArtifacts === false ? null : resolve(projectDir, tree.root.file['target-path'] ?? 'target');
  let writtenOnFailure: (() => void) | undefined;
  try {
    const dialect = warehouse?.dialect ?? starting?.dialect ?? (await import('./ansi-dialect.js')).ansiDialect;
    const project = parseProject({
      projectDir,
      target,
      vars: parseVars(o.vars),
      env: o.env,
      dialect,
      log: (m, info) => o.logger.emit({ type: 'JinjaLog', level: info ? 'info' : 'debug', message: m }),
      flags: { FULL_REFRESH: Boolean(o.fullRefresh), WHICH: command },
    });
    if (starting) warehouse = await starting.warehouse;
    const { manifest } = project;
    for (const w of manifest.warnings) o.logger.emit({ type: 'ParseWarning', level: 'warn', message: w });
    const graph = new Graph(manifest);
    graph.topologicalOrder();
    // manifest.json is written once the nodes ran (or right away when none run), while the SQL files of
    // target/ are still being written by their threads; a failure on the way writes it too.
    let manifestWritten = false;
    const writeManifest = (): void => {
      if (targetDir && !manifestWritten) writeManifestJson(targetDir, project);
      manifestWritten = true;
    };
    writtenOnFailure = writeManifest;
    const state = o.state ? readStateManifest(resolve(o.state)) : undefined;
    const chosen = selectNodes(manifest, graph, { select: o.select, exclude: o.exclude, state });
    const types = command === 'ls' && o.resourceTypes?.length ? new Set(o.resourceTypes) : TYPES[command];
    const lookup = (id: string): ManifestNode | undefined => manifest.nodes.get(id) ?? manifest.sources.get(id);
    const selected = graph.topologicalOrder().filter((id) => chosen.has(id) && (types === null || types.has(lookup(id)?.resourceType ?? '')));
    // dbt's `graph` and `selected_resources` for every render from here on; the graph is built when first read.
    let graphValue: Record<string, unknown> | undefined;
    project.runtime.graph = () => (graphValue ??= dbtGraph(manifest));
    project.runtime.selectedResources = selected;
    if (command === 'parse' || command === 'ls' || !warehouse) {
      writeManifest();
      return { project, selected, results: [], summary: summarize([]), success: true };
    }

    const deferred = o.defer && state ? new Map([...state].flatMap(([id, n]) => (n.relation ? [[id, n.relation] as const] : []))) : undefined;
    const mode = command === 'compile' ? 'compile' : 'build';
    const newRecords = mode === 'build' ? (NewRecords.forRun(manifest, selected) ?? undefined) : undefined;
    const ctx: RunContext = { project, warehouse, logger: o.logger, fullRefresh: Boolean(o.fullRefresh), targetDir, defer: deferred ? { relations: deferred, selected: new Set(selected) } : undefined, newRecords };
    const started = performance.now();
    if (mode === 'build') await runProjectHooks(ctx, manifest.onRunStart, 'on-run-start');
    const parents = command === 'build' ? buildParents(manifest, graph, new Set(selected)) : (id: string) => graph.parents.get(id) ?? [];
    let done = 0;
    let results: NodeResult[];
    try {
      results = await runDag({
        ids: selected,
        parents,
        threads: o.threads ?? target.threads,
        failFast: Boolean(o.failFast),
        // Each node on a connection of its own: a long statement does not hold up the nodes running beside it.
        execute: (id) => ctx.warehouse.onOwnConnection((wh) => executeNode({ ...ctx, warehouse: wh }, manifest.nodes.get(id)!, mode)),
        blocksChildren: (r) => r.status === 'error' || r.status === 'fail',
        onStart: (id) => o.logger.status(`${done} of ${selected.length} done, running ${manifest.nodes.get(id)?.name ?? id}`),
        onFinish: (r) => {
          done++;
          const node = manifest.nodes.get(r.uniqueId)!;
          o.logger.emit({
            type: 'NodeFinished',
            level: r.status === 'error' || r.status === 'fail' ? 'error' : r.status === 'warn' ? 'warn' : 'info',
            message: nodeLine(done, selected.length, node, r),
            data: { unique_id: r.uniqueId, status: r.status, rows_affected: r.rowsAffected, failures: r.failures, execution_time: r.executionTime, message: r.message },
          });
        },
      });
    } finally {
      // The new rows kept for `new_records_only` tests are dropped once every test has read them.
      await newRecords?.dropAll(warehouse, o.logger);
    }
    if (mode === 'build') await runProjectHooks(ctx, manifest.onRunEnd, 'on-run-end', results);
    o.logger.clearStatus();
    const summary = summarize(results);
    const elapsed = (performance.now() - started) / 1000;
    for (const r of results.filter((x) => x.status === 'error' || x.status === 'fail')) {
      const coded = isMercatorError(r.error) ? r.error : undefined;
      o.logger.emit({ type: 'NodeError', level: 'error', message: `${r.status === 'fail' ? 'Failure' : 'Error'} in ${r.uniqueId}: ${r.message}${coded?.hint ? `\n  hint: ${coded.hint}` : ''}`, data: { unique_id: r.uniqueId, code: coded?.code, hint: coded?.hint, location: coded?.location } });
    }
    o.logger.emit({
      type: 'RunFinished',
      level: summary.error > 0 ? 'error' : 'info',
      message: `Finished ${command} of ${results.length} nodes in ${elapsed.toFixed(2)}s. PASS=${summary.pass} WARN=${summary.warn} ERROR=${summary.error} SKIP=${summary.skip} TOTAL=${summary.total}`,
      data: { ...summary, elapsed },
    });
    writeManifest();
    await flushSqlArtifacts(targetDir);
    if (targetDir) writeRunResultsJson(targetDir, project, results, elapsed, command);
    return { project, selected, results, summary, success: summary.error === 0 };
  } catch (err) {
    try {
      writtenOnFailure?.();
    } catch (writeErr) {
      if (err instanceof Error) ((err as { suppressed?: unknown[] }).suppressed ??= []).push(writeErr);
    }
    // SQL files started before the failure are finished first; a write error is recorded on the failure, not raised over it.
    await flushSqlArtifacts(targetDir).catch((writeErr: unknown) => {
      if (err instanceof Error) ((err as { suppressed?: unknown[] }).suppressed ??= []).push(writeErr);
    });
    throw err;
  } finally {
    if (starting) {
      // Parsing may have failed before the warehouse was awaited: it is still closed once it has opened.
      const opened = warehouse ?? (await starting.warehouse.catch(() => null));
      await opened?.close();
    }
  }
}
