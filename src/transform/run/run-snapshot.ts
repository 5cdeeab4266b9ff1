import { ensureSchemaOnce } from './ensure-schema-once.js';
import type { ManifestNode } from '../project/node-types.js';
import type { RelationName } from '../../warehouse/warehouse.js';
import { nodeRelation } from '../compile/node-relation.js';
import { compileForRun } from './compile-for-run.js';
import { sqlError } from './materialize-model.js';
import type { RunContext } from './run-types.js';
import { snapshotSettings } from './snapshot-config.js';
import { writeSqlArtifact } from './write-sql-artifact.js';

const HELPERS = new Set(['__dbt_updated', '__dbt_rn']);

/**
 * Builds a snapshot (SCD type 2): the first run copies the query with validity columns; later runs close the
 * current version of changed keys, add their new version and new keys, and handle hard deletes, so each key
 * has at most one current row however often it runs.
 */
export async function runSnapshot(ctx: RunContext, node: ManifestNode): Promise<{ rows: number | null; message: string; sql: string }> {
  const wh = ctx.warehouse;
  const d = wh.dialect;
  const s = snapshotSettings(node);
  const target = nodeRelation(d, node).toRelationName();
  await ensureSchemaOnce(ctx, target.schema);
  const existing = await wh.getRelation(target);
  const { sql } = await compileForRun(ctx, node, existing);
  writeSqlArtifact(ctx.targetDir, 'run', node, sql);
  const q = (c: string): string => d.quoteIdentifier(c);
  const now = `cast(${d.quoteLiteral(ctx.project.runtime.runStartedAt.toISOString().replace('T', ' ').replace('Z', ''))} as timestamp)`;
  const validTo = s.validToCurrent ? `cast(${s.validToCurrent} as timestamp)` : 'cast(null as timestamp)';
  const current = (a: string): string => (s.validToCurrent ? `(${a}.dbt_valid_to is null or ${a}.dbt_valid_to = ${validTo})` : `${a}.dbt_valid_to is null`);
  const keyMatch = (a: string, b: string): string => s.uniqueKey.map((k) => `${a}.${q(k)} is not distinct from ${b}.${q(k)}`).join(' and ');
  const scdId = (a: string, time: string): string => `md5(concat_ws('|', ${[...s.uniqueKey.map((k) => `cast(${a}.${q(k)} as varchar)`), `cast(${time} as varchar)`].join(', ')}))`;
  const tmp = (suffix: string): RelationName => ({ ...target, name: `${target.name}__dbt_${suffix}` });
  const [src, changed, fresh, gone] = [tmp('snap_src'), tmp('snap_changed'), tmp('snap_new'), tmp('snap_gone')];
  const rel = (r: RelationName): string => d.relation(r);
  const updated = s.strategy === 'timestamp' ? `cast(${s.updatedAt} as timestamp)` : now;
  const drops = async (): Promise<void> => {
    for (const t of [src, changed, fresh, gone]) await wh.run(d.dropRelation(t, 'table'));
  };
  try {
    await drops();
    const keys = s.uniqueKey.map(q).join(', ');
    await wh.run(d.createTableAs(src, `select * from (select snapshot_query.*, ${updated} as __dbt_updated, row_number() over (partition by ${keys} order by ${updated} desc) as __dbt_rn from (\n${sql.replace(/[\s;]+$/, '')}\n) snapshot_query) ranked where __dbt_rn = 1`));
    const srcCols = (await wh.getColumns(src)).filter((c) => !HELPERS.has(c.name));
    const cols = srcCols.map((c) => q(c.name));
    const isDeleted = s.hardDeletes === 'new_record';
    const meta = (a: string, time: string, deleted: boolean): string =>
      `${scdId(a, time)} as dbt_scd_id, ${time} as dbt_updated_at, ${time} as dbt_valid_from, ${validTo} as dbt_valid_to${isDeleted ? `, '${deleted ? 'True' : 'False'}' as dbt_is_deleted` : ''}`;
    if (!existing) {
      const rows = await wh.replaceTable(target, `select ${cols.map((c) => `s.${c}`).join(', ')}, ${meta('s', 's.__dbt_updated', false)} from ${rel(src)} s`);
      return { rows, message: `SELECT ${rows}`, sql };
    }
    const have = new Set((await wh.getColumns(target)).map((c) => c.name.toLowerCase()));
    for (const c of srcCols) if (!have.has(c.name.toLowerCase())) await wh.run(`alter table ${rel(target)} add column ${q(c.name)} ${c.type}`);
    if (isDeleted && !have.has('dbt_is_deleted')) await wh.run(`alter table ${rel(target)} add column dbt_is_deleted varchar default 'False'`);
    const checkCols = s.checkCols === 'all' ? srcCols.map((c) => c.name).filter((c) => !s.uniqueKey.includes(c)) : s.checkCols;
    const differs = s.strategy === 'timestamp' ? `t.dbt_valid_from < s.__dbt_updated` : `(${checkCols.map((c) => `s.${q(c)} is distinct from t.${q(c)}`).join(' or ') || 'false'})`;
    const revived = isDeleted ? ` or t.dbt_is_deleted = 'True'` : '';
    await wh.run(d.createTableAs(changed, `select s.* from ${rel(src)} s join ${rel(target)} t on ${keyMatch('s', 't')} and ${current('t')} where ${differs}${revived}`));
    await wh.run(d.createTableAs(fresh, `select s.* from ${rel(src)} s where not exists (select 1 from ${rel(target)} t where ${keyMatch('s', 't')} and ${current('t')})`));
    const notDeleted = isDeleted ? ` and t.dbt_is_deleted is distinct from 'True'` : '';
    // Keys gone from the query matter only when hard deletes are handled: with `ignore` the anti-join is skipped.
    const goneSql = s.hardDeletes === 'ignore' ? `select t.* from ${rel(target)} t where false` : `select t.* from ${rel(target)} t where ${current('t')}${notDeleted} and not exists (select 1 from ${rel(src)} s where ${keyMatch('s', 't')})`;
    await wh.run(d.createTableAs(gone, goneSql));
    const insertCols = `${cols.join(', ')}, dbt_scd_id, dbt_updated_at, dbt_valid_from, dbt_valid_to${isDeleted ? ', dbt_is_deleted' : ''}`;
    const counts = await wh.query(`select (select count(*) from ${rel(changed)}) as c, (select count(*) from ${rel(fresh)}) as n, (select count(*) from ${rel(gone)}) as g`);
    const row = counts.rows[0] ?? {};
    await wh.transaction(async (tx) => {
      await tx.run(`update ${rel(target)} as t set dbt_valid_to = (select u.__dbt_updated from ${rel(changed)} u where ${keyMatch('u', 't')}) where ${current('t')} and exists (select 1 from ${rel(changed)} u where ${keyMatch('u', 't')})`);
      await tx.run(`insert into ${rel(target)} (${insertCols}) select ${cols.map((c) => `u.${c}`).join(', ')}, ${meta('u', 'u.__dbt_updated', false)} from ${rel(changed)} u`);
      await tx.run(`insert into ${rel(target)} (${insertCols}) select ${cols.map((c) => `n.${c}`).join(', ')}, ${meta('n', 'n.__dbt_updated', false)} from ${rel(fresh)} n`);
      if (s.hardDeletes !== 'ignore') {
        await tx.run(`update ${rel(target)} as t set dbt_valid_to = ${now} where ${current('t')} and exists (select 1 from ${rel(gone)} g where ${keyMatch('g', 't')})`);
      }
      if (isDeleted) {
        await tx.run(`insert into ${rel(target)} (${insertCols}) select ${cols.map((c) => `g.${c}`).join(', ')}, ${meta('g', now, true)} from ${rel(gone)} g`);
      }
    });
    const rows = Number(row.c ?? 0) + Number(row.n ?? 0) + (s.hardDeletes === 'ignore' ? 0 : Number(row.g ?? 0));
    return { rows, message: `SNAPSHOT ${rows}`, sql };
  } catch (err) {
    throw sqlError(err, node, sql);
  } finally {
    await drops();
  }
}
