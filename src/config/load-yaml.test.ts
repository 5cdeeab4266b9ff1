import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { isMercatorError, type MercatorError } from '../errors/index.js';
import { parseYamlText } from './load-yaml.js';
import { mercatorConfigSchema } from './mercator-config-schema.js';

function failure(fn: () => unknown): MercatorError {
  try {
    fn();
  } catch (err) {
    if (isMercatorError(err)) return err;
    throw err;
  }
  throw new Error('expected a MercatorError');
}

const modelSchema = z.strictObject({
  models: z.record(z.string(), z.strictObject({ materialized: z.enum(['view', 'table', 'incremental']).optional(), tags: z.array(z.string()).optional() })),
});

describe('parseYamlText', () => {
  it('returns the validated, frozen value', () => {
    const value = parseYamlText('models:\n  shop:\n    materialized: table\n', 'dbt_project.yml', modelSchema);
    expect(value).toEqual({ models: { shop: { materialized: 'table' } } });
    expect(Object.isFrozen(value.models)).toBe(true);
  });

  it('names file, line and column of a YAML syntax error', () => {
    const err = failure(() => parseYamlText('models:\n  shop:\n    materialized: "table\n', 'dbt_project.yml', modelSchema));
    expect(err.code).toBe('CONFIG_YAML_SYNTAX');
    expect(err.message).toMatch(/^dbt_project\.yml:3:\d+: YAML syntax error/);
    expect(err.hint).toMatch(/indentation|quotes/);
  });

  it('rejects tabs used for indentation with the line', () => {
    const err = failure(() => parseYamlText('models:\n\tshop: {}\n', 'x.yml', modelSchema));
    expect(err.code).toBe('CONFIG_YAML_SYNTAX');
    expect(err.location?.line).toBe(2);
  });

  it('suggests the closest key for a misspelt one, with its line and key path', () => {
    const text = 'models:\n  shop:\n    tags: [a]\n    materialised: table\n';
    const err = failure(() => parseYamlText(text, 'dbt_project.yml', modelSchema));
    expect(err.code).toBe('CONFIG_INVALID');
    expect(err.message).toBe('dbt_project.yml:4: models.shop.materialised: unknown key `materialised` — did you mean `materialized`?');
    expect(err.hint).toBe('Rename `materialised` to `materialized`.');
  });

  it('lists accepted values for an enum', () => {
    const err = failure(() => parseYamlText('models:\n  shop:\n    materialized: tabel\n', 'p.yml', modelSchema));
    expect(err.message).toBe('p.yml:3: models.shop.materialized: must be one of "view", "table", "incremental"');
  });

  it('reports a missing required key at its parent', () => {
    const err = failure(() => parseYamlText('version: 1\n', 'mercator.yml', mercatorConfigSchema));
    expect(err.message).toBe('mercator.yml:1: name: is required (expected string)');
  });

  it('lists accepted keys when nothing is close', () => {
    const err = failure(() => parseYamlText('name: shop\nzzz: 1\n', 'mercator.yml', mercatorConfigSchema));
    expect(err.message).toContain('mercator.yml:2: zzz: unknown key `zzz`');
    expect(err.hint).toContain('accepted keys here: version, name, dbt_project_dir, warehouse');
  });

  it('treats an empty file as an empty mapping', () => {
    const err = failure(() => parseYamlText('', 'mercator.yml', mercatorConfigSchema));
    expect(err.code).toBe('CONFIG_INVALID');
  });
});

describe('validateYamlAt', () => {
  it('validates one part of a file and reports the full key path and line', async () => {
    const { parseYamlSource, validateYamlAt } = await import('./load-yaml.js');
    const source = parseYamlSource('name: shop\nsources:\n  shop_db:\n    type: postgres\n    tabels: [orders]\n', 'mercator.yml');
    const connector = z.strictObject({ type: z.literal('postgres'), tables: z.array(z.string()) });
    const err = failure(() => validateYamlAt(source, ['sources', 'shop_db'], connector));
    expect(err.message).toBe('mercator.yml:5: sources.shop_db.tabels: unknown key `tabels` — did you mean `tables`?');
  });
});
