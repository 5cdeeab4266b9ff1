import { toJsonRow } from '../../warehouse/index.js';
import type { ColumnInfo, Warehouse } from '../../warehouse/warehouse.js';
import { compileNodeSql } from '../compile/compile-node.js';
import { nodeRelation } from '../compile/node-relation.js';
import { RenderIo, renderWithIo } from '../context/render-io.js';
import { makeRelation, type Relation } from '../context/relation.js';
import type { ManifestNode } from '../project/node-types.js';
import type { NodeStatus, RunContext } from './run-types.js';
import { unitTestLiteral, unitTestRows } from './unit-test-rows.js';

/** A SELECT of literal rows typed like `columns` (columns missing from a row are NULL). */
function rowsSelect(rows: ReadonlyArray<Record<string, unknown>>, columns: readonly ColumnInfo[], wh: Warehouse): string {
  const cols = columns.length ? columns : Object.keys(rows[0] ?? {}).map((name) => ({ name, type: '' }));
  const cell = (row: Record<string, unknown>, c: { name: string; type: string }): string => {
    const lit = unitTestLiteral(row[c.name], (s) => wh.dialect.quoteLiteral(s));
    return `${c.type ? `cast(${lit} as ${c.type})` : lit} as ${wh.dialect.quoteIdentifier(c.name)}`;
  };
  if (rows.length === 0) return `select ${cols.map((c) => cell({}, c)).join(', ')} where 1 = 0`;
  return rows.map((r) => `select ${cols.map((c) => cell(r, c)).join(', ')}`).join('\nunion all\n');
}

const refKey = (text: string): string => text.replace(/\s+/g, '').replace(/"/g, "'");

/**
 * Runs a unit test: compiles the model with each `given` input replaced by literal rows (typed like the real
 * relation when it exists), runs it, and compares the `expect` rows (as a multiset, on the expected columns).
 */
export async function runUnitTest(ctx: RunContext, node: ManifestNode): Promise<{ status: NodeStatus; message: string; sql: string }> {
  const { project, warehouse: wh } = ctx;
  const spec = node.unitTest as { given?: Array<{ input: string; rows?: unknown; format?: string }>; expect: { rows?: unknown; format?: string }; overrides?: { macros?: Record<string, unknown>; vars?: Record<string, unknown> } };
  const model = project.manifest.nodes.get(node.testedNode ?? '')!;
  const inputs = new Map<string, string>();
  for (const given of spec.given ?? []) {
    const target = resolveInput(project.manifest.nodes, project.manifest.sources, given.input);
    const columns = target ? await wh.getColumns(nodeRelation(wh.dialect, target).toRelationName()).catch(() => [] as ColumnInfo[]) : [];
    // `format: sql` gives the input as a query of its own.
    const select = given.format === 'sql' && typeof given.rows === 'string' ? given.rows.replace(/[\s;]+$/, '') : rowsSelect(unitTestRows(given), columns, wh);
    if (target) inputs.set(target.uniqueId, `(${select})`);
  }
  const overrides = spec.overrides ?? {};
  const extra: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(overrides.macros ?? {})) extra[name] = () => value;
  const vars = overrides.vars ?? {};
  const runtime = { ...project.runtime, lookupVar: (n: string, p: string) => (Object.hasOwn(vars, n) ? vars[n] : project.runtime.lookupVar(n, p)) };
  const io = new RenderIo(true);
  const sql = await renderWithIo(io, wh, () =>
    compileNodeSql({ ...project, runtime }, model, {
      io,
      isIncremental: Boolean(overrides.macros?.is_incremental),
      extra,
      refOverride: (target) => {
        const sub = inputs.get(target.uniqueId);
        return sub === undefined ? undefined : makeRelation(wh.dialect, null, '', sub, 'cte');
      },
    }),
  );
  const expected = unitTestRows(spec.expect);
  const expectedCols = Object.keys(expected[0] ?? {});
  const actual = await wh.query(`select * from (\n${sql.replace(/[\s;]+$/, '')}\n) unit_test_actual`);
  const pick = expectedCols.length ? expectedCols : actual.columns.map((c) => c.name);
  const types = pick.map((name) => actual.columns.find((c) => c.name === name) ?? { name, type: '' });
  const q = (c: string): string => wh.dialect.quoteIdentifier(c);
  const expectSql =
    spec.expect.format === 'sql' && typeof spec.expect.rows === 'string'
      ? `select ${types.map((c) => (c.type ? `cast(e.${q(c.name)} as ${c.type}) as ${q(c.name)}` : `e.${q(c.name)}`)).join(', ')} from (${spec.expect.rows.replace(/[\s;]+$/, '')}) e`
      : rowsSelect(expected, types, wh);
  const expectedResult = await wh.query(`select * from (${expectSql}) unit_test_expected`);
  const norm = (rows: ReadonlyArray<Record<string, unknown>>): string[] => rows.map((r) => JSON.stringify(pick.map((c) => r[c] ?? null))).sort();
  const got = norm(actual.rows.map((r) => toJsonRow(r)));
  const want = norm(expectedResult.rows.map((r) => toJsonRow(r)));
  const pass = JSON.stringify(got) === JSON.stringify(want);
  return { status: pass ? 'pass' : 'fail', message: pass ? 'PASS' : `actual rows differ from expected.\n  expected: ${want.join(' ')}\n  actual:   ${got.join(' ')}`, sql };
}

/** The node a `given.input` such as `ref('stg_orders')` or `source('raw', 'orders')` names. */
function resolveInput(nodes: ReadonlyMap<string, ManifestNode>, sources: ReadonlyMap<string, ManifestNode>, input: string): ManifestNode | undefined {
  const key = refKey(input);
  const ref = /^ref\('([^']+)'(?:,'([^']+)')?\)$/.exec(key);
  if (ref) {
    const name = ref[2] ?? ref[1]!;
    return [...nodes.values()].find((n) => n.name === name && (n.resourceType === 'model' || n.resourceType === 'seed' || n.resourceType === 'snapshot'));
  }
  const src = /^source\('([^']+)','([^']+)'\)$/.exec(key);
  if (src) return [...sources.values()].find((s) => s.sourceName === src[1] && s.name === src[2]);
  return undefined;
}
