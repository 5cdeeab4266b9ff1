// The project's lineage from parse: every mart reads exactly the models it is meant to.
import { describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../../src/log/index.js';
import { runTransformTask } from '../../src/transform/index.js';
import { SHOP_PROJECT } from './shop-fixture.js';

const PARENTS: Record<string, string[]> = {
  dim_customers: ['snapshot.shop.customers_snapshot'],
  dim_products: ['model.shop.stg_products'],
  dim_dates: ['model.shop.stg_orders'],
  fct_orders: ['model.shop.dim_customers', 'model.shop.int_order_items_enriched'],
  fct_daily_revenue: ['model.shop.fct_orders'],
  customer_profit: ['model.shop.int_customer_lifetime'],
  payment_success_rate: ['model.shop.stg_payments'],
  marketing_roas: ['model.shop.stg_campaigns', 'model.shop.stg_marketing_spend'],
  funnel_daily: ['model.shop.int_sessions'],
  int_order_items_enriched: ['model.shop.int_order_fx_rates', 'model.shop.stg_customers', 'model.shop.stg_order_items', 'model.shop.stg_orders', 'model.shop.stg_products'],
  int_order_fx_rates: ['model.shop.stg_fx_rates', 'model.shop.stg_orders', 'seed.shop.currency_rates'],
  int_customer_lifetime: ['model.shop.int_order_items_enriched', 'model.shop.stg_customers'],
  int_sessions: ['model.shop.stg_events'],
};

describe('shop project lineage', () => {
  it('gives every mart and intermediate model the intended parents, and every staging model one source', async () => {
    const { project } = await runTransformTask('parse', { projectDir: SHOP_PROJECT, logger: createMemoryLogger(), env: {}, writeArtifacts: false });
    const models = [...project.manifest.nodes.values()].filter((n) => n.resourceType === 'model');
    const marts = models.filter((n) => n.fqn.includes('marts')).map((n) => n.name).sort();
    expect(marts).toEqual(['customer_profit', 'dim_customers', 'dim_dates', 'dim_products', 'fct_daily_revenue', 'fct_marketing_daily', 'fct_orders', 'fct_payments', 'funnel_daily', 'marketing_roas', 'payment_success_rate']);
    for (const [name, parents] of Object.entries(PARENTS)) {
      const node = models.find((n) => n.name === name);
      expect([...new Set(node?.dependsOn.nodes)].sort(), name).toEqual(parents);
    }
    for (const stg of models.filter((n) => n.name.startsWith('stg_'))) {
      const parents = [...new Set(stg.dependsOn.nodes)];
      expect(parents.length, stg.name).toBe(1);
      expect(parents[0], stg.name).toMatch(/^source\.shop\./);
    }
  });
});
