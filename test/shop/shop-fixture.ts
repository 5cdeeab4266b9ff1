// The shipped shop project copied next to a small demo shop (test PostgreSQL, in-process Stripe stand-in),
// with the environment its mercator.yml and profiles.yml read.
import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { createMemoryLogger } from '../../src/log/index.js';
import { loadMetricLayer, summaryKpis } from '../../src/metrics/index.js';
import { runPipeline, type PipelineResult } from '../../src/orchestrate/index.js';
import { openWarehouse, type JsonRow } from '../../src/warehouse/index.js';
import { demoFixture, type DemoFixture } from '../demo/demo-fixture.js';

/** The shipped project folder. */
export const SHOP_PROJECT = join(import.meta.dirname, '../../projects/shop');

/** Files of the project (not the generated demo, warehouse or artifacts). */
export const PROJECT_ENTRIES = ['dbt_project.yml', 'profiles.yml', 'mercator.yml', 'metrics.yml', 'models', 'macros', 'seeds', 'snapshots', 'tests'];

/** A demo shop with the shop project in its folder. */
export interface ShopFixture extends DemoFixture {
  env: Record<string, string>;
  warehousePath: string;
  pipeline(): Promise<PipelineResult>;
  query(sql: string): Promise<JsonRow[]>;
}

/** Creates the demo shop (scale 0.02 by default) and copies the project next to it. */
export async function shopFixture(serverUrl: string, name: string, scale = 0.02): Promise<ShopFixture> {
  const f = await demoFixture(serverUrl, name, { scale });
  for (const entry of PROJECT_ENTRIES) cpSync(join(SHOP_PROJECT, entry), join(f.dir, entry), { recursive: true });
  const warehousePath = join(f.dir, 'warehouse.duckdb');
  const env = { SHOP_PG_URL: f.state.postgres.url, SHOP_STRIPE_KEY: f.state.stripe.apiKey, SHOP_STRIPE_PORT: String(f.port), SHOP_DUCKDB_PATH: warehousePath };
  return {
    ...f,
    env,
    warehousePath,
    // KPIs as `mercator pipeline` reads them: through the project's metrics.yml.
    pipeline: () => runPipeline({ projectDir: f.dir, logger: createMemoryLogger(), env, kpis: (wh) => summaryKpis(wh, loadMetricLayer(f.dir)) }),
    async query(sql) {
      const wh = await openWarehouse({ type: 'duckdb', path: warehousePath });
      try {
        return (await wh.queryJson(sql)).rows;
      } finally {
        await wh.close();
      }
    },
  };
}
