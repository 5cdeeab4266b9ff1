import { z } from 'zod';

const open = z.record(z.string(), z.unknown());
/** A test entry: `unique`, `{ accepted_values: { values: [...] } }`, or `{ name: ..., test_name: ... }`. */
const testEntry = z.union([z.string(), open]);

const columnSchema = z.looseObject({
  name: z.string(),
  description: z.string().optional().nullable(),
  data_type: z.string().optional().nullable(),
  quote: z.boolean().optional().nullable(),
  tests: z.array(testEntry).optional().nullable(),
  data_tests: z.array(testEntry).optional().nullable(),
  tags: z.array(z.string()).optional(),
  meta: open.optional(),
  config: open.optional(),
});

const nodeSchema = z.looseObject({
  name: z.string(),
  description: z.string().optional().nullable(),
  config: open.optional().nullable(),
  columns: z.array(columnSchema).optional().nullable(),
  tests: z.array(testEntry).optional().nullable(),
  data_tests: z.array(testEntry).optional().nullable(),
  docs: open.optional(),
  meta: open.optional(),
  tags: z.union([z.string(), z.array(z.string())]).optional(),
  versions: z.array(open).optional(),
  relation: z.string().optional(),
});

const sourceTableSchema = nodeSchema.extend({
  identifier: z.string().optional(),
  loaded_at_field: z.string().optional().nullable(),
  freshness: open.optional().nullable(),
  quoting: open.optional(),
  external: z.unknown().optional(),
});

const sourceSchema = z.looseObject({
  name: z.string(),
  description: z.string().optional().nullable(),
  database: z.string().optional().nullable(),
  schema: z.string().optional().nullable(),
  loader: z.string().optional(),
  loaded_at_field: z.string().optional().nullable(),
  freshness: open.optional().nullable(),
  config: open.optional().nullable(),
  meta: open.optional(),
  tags: z.array(z.string()).optional(),
  quoting: open.optional(),
  overrides: z.string().optional(),
  tables: z.array(sourceTableSchema).optional().nullable(),
});

const unitTestSchema = z.looseObject({
  name: z.string(),
  model: z.string(),
  description: z.string().optional(),
  given: z.array(z.looseObject({ input: z.string(), rows: z.unknown().optional(), format: z.string().optional(), fixture: z.string().optional() })).optional(),
  expect: z.looseObject({ rows: z.unknown().optional(), format: z.string().optional(), fixture: z.string().optional() }),
  overrides: open.optional(),
  config: open.optional(),
});

const snapshotSchema = nodeSchema.extend({ relation: z.string().optional() });

/** A dbt properties (.yml) file: models, seeds, snapshots, sources, macros, unit tests, and the rest kept loose. */
export const dbtPropertiesSchema = z.looseObject({
  version: z.union([z.number(), z.string()]).optional(),
  models: z.array(nodeSchema).optional().nullable(),
  seeds: z.array(nodeSchema).optional().nullable(),
  snapshots: z.array(snapshotSchema).optional().nullable(),
  sources: z.array(sourceSchema).optional().nullable(),
  macros: z.array(open).optional().nullable(),
  analyses: z.array(open).optional().nullable(),
  exposures: z.array(open).optional().nullable(),
  unit_tests: z.array(unitTestSchema).optional().nullable(),
  data_tests: z.array(open).optional().nullable(),
});

/** A validated properties file. */
export type DbtPropertiesFile = z.output<typeof dbtPropertiesSchema>;
/** One model/seed/snapshot entry of a properties file. */
export type DbtNodeProperties = z.output<typeof nodeSchema>;
/** One column entry. */
export type DbtColumnProperties = z.output<typeof columnSchema>;
/** One source entry. */
export type DbtSourceProperties = z.output<typeof sourceSchema>;
/** One unit test entry. */
export type DbtUnitTestProperties = z.output<typeof unitTestSchema>;
