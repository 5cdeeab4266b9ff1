import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../../src/log/index.js';
import { runDocsGenerate } from '../../src/transform/index.js';
import { TestProject } from './support/test-project.js';

let project: TestProject | undefined;
afterEach(async () => {
  await project?.close();
  project = undefined;
});

describe('docs generate', () => {
  it('writes a catalog with the built columns and a docs site embedding manifest and catalog', async () => {
    project = await TestProject.create({
      'models/orders.sql': `{{ config(materialized='table') }}\nselect 1 as order_id, 'x'::varchar as status`,
      'models/schema.yml': `version: 2\nmodels:\n  - name: orders\n    description: One row per order.\n    columns:\n      - name: order_id\n        description: '{{ doc("order_id") }}'\n        tests: [unique]\n`,
      'models/docs.md': `{% docs order_id %}\nThe order's key, unique per shop.\n{% enddocs %}\n`,
    });
    await project.run('run');
    const { indexFile, catalog } = await runDocsGenerate({ projectDir: project.dir, logger: createMemoryLogger(), warehouse: project.warehouse, env: {} });
    const entry = (catalog.nodes as Record<string, { columns: Record<string, { type: string }> }>)['model.shop.orders']!;
    expect(Object.fromEntries(Object.entries(entry.columns).map(([k, c]) => [k, c.type]))).toEqual({ order_id: 'INTEGER', status: 'VARCHAR' });
    const html = readFileSync(indexFile, 'utf8');
    expect(html).toContain('One row per order.');
    expect(html).toContain('unique_orders_order_id');
    expect(html).toContain("The order's key, unique per shop.");
  });
});

describe('docs serve', () => {
  it('serves the generated site and nothing outside the target folder', async () => {
    project = await TestProject.create({ 'models/a.sql': 'select 1 as id' });
    await runDocsGenerate({ projectDir: project.dir, logger: createMemoryLogger(), warehouse: project.warehouse, env: {} });
    const { serveDocs } = await import('../../src/transform/index.js');
    const { server, url } = await serveDocs(`${project.dir}/target`, 0);
    try {
      const page = await fetch(url);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<title>Project docs</title>');
      expect((await fetch(`${url}catalog.json`)).status).toBe(200);
      expect((await fetch(`${url}..%2Fdbt_project.yml`)).status).toBe(404);
    } finally {
      server.close();
    }
  });
});
