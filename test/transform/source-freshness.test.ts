import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../../src/log/index.js';
import { runSourceFreshness } from '../../src/transform/index.js';
import { TestProject } from './support/test-project.js';

let project: TestProject | undefined;
afterEach(async () => {
  await project?.close();
  project = undefined;
});

describe('source freshness', () => {
  it('passes, warns and errors by warn_after / error_after, honouring filter and Jinja in schema and identifier', async () => {
    project = await TestProject.create({
      'models/sources.yml': `version: 2
sources:
  - name: shop
    schema: "{{ var('raw_schema', 'raw') }}"
    loaded_at_field: loaded_at
    freshness:
      warn_after: {count: 1, period: hour}
      error_after: {count: 1, period: day}
    tables:
      - name: fresh
      - name: stale
        identifier: "{{ 'stale_table' }}"
      - name: filtered
        freshness:
          warn_after: {count: 1, period: hour}
          filter: "kind = 'old'"
      - name: unchecked
        freshness: null
`,
    });
    const wh = project.warehouse;
    await wh.run('create schema raw');
    await wh.run(`create table raw.fresh as select (now() - interval 5 minute)::timestamp as loaded_at`);
    await wh.run(`create table raw.stale_table as select (now() - interval 3 day)::timestamp as loaded_at`);
    await wh.run(`create table raw.filtered as select * from (values ((now() - interval 2 hour)::timestamp, 'old'), (now()::timestamp, 'new')) t(loaded_at, kind)`);
    await wh.run(`create table raw.unchecked as select 1 as x`);
    const result = await runSourceFreshness({ projectDir: project.dir, logger: createMemoryLogger(), warehouse: wh, env: {} });
    expect(Object.fromEntries(result.results.map((r) => [r.uniqueId, r.status]))).toEqual({
      'source.shop.shop.fresh': 'pass',
      'source.shop.shop.stale': 'error',
      'source.shop.shop.filtered': 'warn',
    });
    expect(result.success).toBe(false);
  });
});
