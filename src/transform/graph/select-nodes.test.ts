import { describe, expect, it } from 'vitest';
import { newNode } from '../project/new-node.js';
import type { Manifest, ManifestNode } from '../project/node-types.js';
import { Graph } from './graph.js';
import { selectNodes } from './select-nodes.js';

function model(name: string, parents: string[], extra: Partial<ManifestNode> = {}, folder = 'staging'): ManifestNode {
  const n = newNode({ resourceType: 'model', name, packageName: 'shop', originalFilePath: `models/${folder}/${name}.sql`, absolutePath: '', path: `${folder}/${name}.sql`, fqn: ['shop', folder, name], rawCode: '' });
  n.dependsOn.nodes = parents.map((p) => (p.includes('.') ? p : `model.shop.${p}`));
  return Object.assign(n, extra);
}

// raw(source) → stg_orders → fct_orders → rpt ; stg_customers → fct_orders ; a test on fct_orders
function manifest(): Manifest {
  const src = newNode({ resourceType: 'source', uniqueId: 'source.shop.raw.orders', name: 'orders', packageName: 'shop', originalFilePath: 'models/src.yml', absolutePath: '', path: '', fqn: ['shop', 'raw', 'orders'], rawCode: '' });
  src.sourceName = 'raw';
  const nodes = [
    model('stg_orders', ['source.shop.raw.orders'], { tags: ['nightly'] }),
    model('stg_customers', []),
    model('fct_orders', ['stg_orders', 'stg_customers'], { config: { materialized: 'incremental' } }, 'marts'),
    model('rpt', ['fct_orders'], {}, 'marts'),
  ];
  const test = newNode({ resourceType: 'test', name: 'not_null_fct_orders_id', packageName: 'shop', originalFilePath: 'models/marts/x.yml', absolutePath: '', path: '', fqn: ['shop', 'marts', 'not_null_fct_orders_id'], rawCode: '' });
  test.dependsOn.nodes = ['model.shop.fct_orders'];
  nodes.push(test);
  return { projectName: 'shop', nodes: new Map(nodes.map((n) => [n.uniqueId, n])), sources: new Map([[src.uniqueId, src]]), macros: new Map(), childMap: new Map(), onRunStart: [], onRunEnd: [], warnings: [] };
}

const names = (m: Manifest, ids: Set<string>): string[] => [...ids].map((id) => (m.nodes.get(id) ?? m.sources.get(id))!.name).sort();

describe('selectNodes', () => {
  const m = manifest();
  const g = new Graph(m);
  const sel = (select: string[], exclude?: string[]): string[] => names(m, selectNodes(m, g, { select, exclude })).filter((n) => n !== 'not_null_fct_orders_id');

  it('selects by name, with parents (+x), children (x+) and depth (1+x)', () => {
    expect(sel(['fct_orders'])).toEqual(['fct_orders']);
    expect(sel(['+fct_orders'])).toEqual(['fct_orders', 'orders', 'stg_customers', 'stg_orders']);
    expect(sel(['stg_orders+'])).toEqual(['fct_orders', 'rpt', 'stg_orders']);
    expect(sel(['1+rpt'])).toEqual(['fct_orders', 'rpt']);
    expect(sel(['stg_orders+1'])).toEqual(['fct_orders', 'stg_orders']);
  });

  it('@ selects descendants and all their ancestors', () => {
    expect(sel(['@stg_orders'])).toEqual(['fct_orders', 'orders', 'rpt', 'stg_customers', 'stg_orders']);
  });

  it('supports tag:, path:, source:, resource_type:, config.<key>: and unions/intersections', () => {
    expect(sel(['tag:nightly'])).toEqual(['stg_orders']);
    expect(sel(['path:models/marts'])).toEqual(['fct_orders', 'rpt']);
    expect(sel(['source:raw+1'])).toEqual(['orders', 'stg_orders']);
    expect(sel(['config.materialized:incremental'])).toEqual(['fct_orders']);
    expect(sel(['stg_orders', 'stg_customers'])).toEqual(['stg_customers', 'stg_orders']);
    expect(sel(['stg_orders+,path:models/marts'])).toEqual(['fct_orders', 'rpt']);
    expect(sel(['shop.marts'])).toEqual(['fct_orders', 'rpt']);
    expect(sel(['resource_type:source'])).toEqual(['orders']);
  });

  it('excludes, and adds the tests of selected nodes', () => {
    expect(sel(['stg_orders+'], ['rpt'])).toEqual(['fct_orders', 'stg_orders']);
    expect(names(m, selectNodes(m, g, { select: ['fct_orders'] }))).toContain('not_null_fct_orders_id');
    expect(names(m, selectNodes(m, g, { select: ['fct_orders'], exclude: ['resource_type:test'] }))).toEqual(['fct_orders']);
  });

  it('orders topologically and reports cycles', () => {
    const order = g.topologicalOrder();
    expect(order.indexOf('model.shop.stg_orders')).toBeLessThan(order.indexOf('model.shop.fct_orders'));
    const cyclic = manifest();
    cyclic.nodes.get('model.shop.stg_orders')!.dependsOn.nodes.push('model.shop.rpt');
    expect(() => new Graph(cyclic).topologicalOrder()).toThrow(/cycle/i);
  });
});
