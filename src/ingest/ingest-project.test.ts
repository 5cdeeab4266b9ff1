import { describe, expect, it } from 'vitest';
import { ingestWarehouseConfig } from './ingest-project.js';

describe('ingestWarehouseConfig', () => {
  it('opens the default DuckDB file of the project without keeping insertion order', () => {
    expect(ingestWarehouseConfig(undefined, '/p')).toEqual({ type: 'duckdb', path: '/p/warehouse.duckdb', settings: { preserve_insertion_order: false } });
  });

  it('keeps the settings of mercator.yml, which win over the ingest default', () => {
    const config = ingestWarehouseConfig({ type: 'duckdb', path: 'wh.duckdb', settings: { preserve_insertion_order: true, threads: 1 } }, '/p');
    expect(config).toEqual({ type: 'duckdb', path: '/p/wh.duckdb', settings: { preserve_insertion_order: true, threads: 1 } });
  });

  it('leaves other warehouses as configured', () => {
    expect(ingestWarehouseConfig({ type: 'postgres', url: 'postgres://x' }, '/p')).toEqual({ type: 'postgres', url: 'postgres://x' });
  });
});
