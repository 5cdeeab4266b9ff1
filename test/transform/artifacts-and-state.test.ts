import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { artifactWriting } from '../../src/transform/run/write-sql-artifact.js';
import { TestProject } from './support/test-project.js';

let project: TestProject | undefined;
const stateDirs: string[] = [];
/** A temp folder for a --state copy, removed after the test. */
const stateDir = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'mercator-state-'));
  stateDirs.push(dir);
  return dir;
};
afterEach(async () => {
  artifactWriting.workerAfter = 2000;
  for (const dir of stateDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  await project?.close();
  project = undefined;
});

const FILES = {
  'models/a.sql': `select 1 as id`,
  'models/b.sql': `select * from {{ ref('a') }}`,
  'models/c.sql': `select * from {{ ref('b') }}`,
  'models/other.sql': `select 2 as id`,
  'models/schema.yml': `version: 2\nmodels:\n  - name: b\n    columns:\n      - name: id\n        tests: [not_null]\n`,
};

describe('artifacts and state', () => {
  it('writes manifest.json, run_results.json, target/compiled and target/run', async () => {
    project = await TestProject.create(FILES);
    await project.run('run');
    const manifest = JSON.parse(readFileSync(join(project.dir, 'target/manifest.json'), 'utf8')) as { nodes: Record<string, { depends_on: { nodes: string[] }; config: { materialized: string } }> };
    expect(manifest.nodes['model.shop.c']!.depends_on.nodes).toEqual(['model.shop.b']);
    expect(manifest.nodes['model.shop.a']!.config.materialized).toBe('view');
    const results = JSON.parse(readFileSync(join(project.dir, 'target/run_results.json'), 'utf8')) as { results: Array<{ unique_id: string; status: string }> };
    expect(results.results.map((r) => `${r.unique_id}:${r.status}`).sort()).toEqual(['model.shop.a:success', 'model.shop.b:success', 'model.shop.c:success', 'model.shop.other:success']);
    expect(readFileSync(join(project.dir, 'target/compiled/shop/models/c.sql'), 'utf8')).toBe('select * from "main"."b"\n');
    expect(existsSync(join(project.dir, 'target/run/shop/models/c.sql'))).toBe(true);
  });

  it('compile renders SQL without building anything', async () => {
    project = await TestProject.create(FILES);
    const result = await project.run('compile', { select: ['c'] });
    expect(result.results.map((r) => r.compiledSql)).toEqual(['select * from "main"."b"']);
    expect(await project.rows(`select count(*) as n from information_schema.tables where table_schema = 'main'`)).toEqual([{ n: 0 }]);
  });

  it('state:modified+ selects exactly the changed models and their children', async () => {
    project = await TestProject.create(FILES);
    await project.run('parse');
    const state = stateDir();
    cpSync(join(project.dir, 'target/manifest.json'), join(state, 'manifest.json'));
    project.write({ 'models/b.sql': `select id, 'changed' as note from {{ ref('a') }}` });
    const modified = await project.run('ls', { select: ['state:modified+'], state });
    expect(modified.selected.filter((id) => !id.startsWith('test.'))).toEqual(['model.shop.b', 'model.shop.c']);
    const plain = await project.run('ls', { select: ['state:modified'], state, resourceTypes: ['model'] });
    expect(plain.selected).toEqual(['model.shop.b']);
    project.write({ 'models/other.sql': `{{ config(materialized='table') }}\nselect 2 as id` });
    const configs = await project.run('ls', { select: ['state:modified.configs'], state, resourceTypes: ['model'] });
    expect(configs.selected).toEqual(['model.shop.other']);
    const body = await project.run('ls', { select: ['state:modified.body'], state, resourceTypes: ['model'] });
    expect(body.selected).toEqual(['model.shop.b', 'model.shop.other']);
  });

  it('--fail-fast skips everything not started after the first error; --threads runs independent nodes', async () => {
    project = await TestProject.create({ ...FILES, 'models/a.sql': `select * from missing_table` });
    const result = await project.run('run', { failFast: true, threads: 1 });
    const statuses = TestProject.statuses(result);
    expect(statuses.a).toBe('error');
    expect(Object.values(statuses).filter((s) => s === 'skipped')).toHaveLength(3);
    expect(result.results.find((r) => r.status === 'error')!.message).toMatch(/model\.shop\.a failed in the database/);
  });
});

describe('--defer', () => {
  it('resolves refs to unselected models missing in this target to the state relations', async () => {
    project = await TestProject.create({
      'profiles.yml': `shop:\n  target: dev\n  outputs:\n    dev: {type: duckdb, path: ":memory:", schema: dev}\n    prod: {type: duckdb, path: ":memory:", schema: main}\n`,
      'models/a.sql': `{{ config(materialized='table') }}\nselect '{{ target.name }}' as built_in`,
      'models/b.sql': `{{ config(materialized='table') }}\nselect * from {{ ref('a') }}`,
    });
    await project.run('run', { target: 'prod' });
    const state = stateDir();
    cpSync(join(project.dir, 'target/manifest.json'), join(state, 'manifest.json'));
    const deferred = await project.run('run', { target: 'dev', select: ['b'], state, defer: true });
    expect(deferred.results.map((r) => r.status)).toEqual(['success']);
    expect(await project.rows('select * from dev.b')).toEqual([{ built_in: 'prod' }]);
    await project.run('run', { target: 'dev', select: ['a'] });
    await project.run('run', { target: 'dev', select: ['b'], state, defer: true });
    expect(await project.rows('select * from dev.b')).toEqual([{ built_in: 'dev' }]);
  });
  it('writes every compiled file of a project with hundreds of models, and rewrites only changed ones on a rerun', async () => {
    // Past the first files, SQL artifacts are written by worker threads; they must all land before the task returns.
    artifactWriting.workerAfter = 64;
    const files: Record<string, string> = {};
    for (let i = 0; i < 300; i++) files[`models/d${i % 7}/m_${i}.sql`] = i === 0 ? 'select 0 as id' : `select id + ${i} as id from {{ ref('m_${Math.floor(i / 2)}') }}`;
    project = await TestProject.create(files);
    await project.run('compile');
    for (let i = 0; i < 300; i++) {
      const expected = i === 0 ? 'select 0 as id\n' : `select id + ${i} as id from "main"."m_${Math.floor(i / 2)}"\n`;
      expect(readFileSync(join(project.dir, `target/compiled/shop/models/d${i % 7}/m_${i}.sql`), 'utf8')).toBe(expected);
    }
    project.write({ 'models/d5/m_299.sql': 'select 299 as changed' });
    await project.run('compile');
    expect(readFileSync(join(project.dir, 'target/compiled/shop/models/d5/m_299.sql'), 'utf8')).toBe('select 299 as changed\n');
    expect(readFileSync(join(project.dir, 'target/compiled/shop/models/d4/m_298.sql'), 'utf8')).toBe('select id + 298 as id from "main"."m_149"\n');
    // The same through libuv's pool only (below the worker threshold).
    artifactWriting.workerAfter = 10_000;
    project.write({ 'models/d5/m_299.sql': 'select 299 as again' });
    await project.run('compile');
    expect(readFileSync(join(project.dir, 'target/compiled/shop/models/d5/m_299.sql'), 'utf8')).toBe('select 299 as again\n');
    expect(readFileSync(join(project.dir, 'target/compiled/shop/models/d0/m_0.sql'), 'utf8')).toBe('select 0 as id\n');
  });
});
