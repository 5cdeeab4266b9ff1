import { z } from 'zod';

const stringOrList = z.union([z.string(), z.array(z.string())]);
const folderConfig = z.record(z.string(), z.unknown());

/** dbt_project.yml: strict at the top level like dbt; folder `+config` trees are open maps. */
export const dbtProjectSchema = z.strictObject({
  name: z.string(),
  version: z.union([z.string(), z.number()]).optional(),
  'config-version': z.number().optional(),
  profile: z.string().optional(),
  'model-paths': z.array(z.string()).optional(),
  'source-paths': z.array(z.string()).optional(),
  'seed-paths': z.array(z.string()).optional(),
  'data-paths': z.array(z.string()).optional(),
  'test-paths': z.array(z.string()).optional(),
  'analysis-paths': z.array(z.string()).optional(),
  'macro-paths': z.array(z.string()).optional(),
  'snapshot-paths': z.array(z.string()).optional(),
  'docs-paths': z.array(z.string()).optional(),
  'asset-paths': z.array(z.string()).optional(),
  'target-path': z.string().optional(),
  'log-path': z.string().optional(),
  'packages-install-path': z.string().optional(),
  'modules-path': z.string().optional(),
  'clean-targets': z.array(z.string()).optional(),
  'query-comment': z.unknown().optional(),
  'require-dbt-version': stringOrList.optional(),
  models: folderConfig.optional(),
  seeds: folderConfig.optional(),
  snapshots: folderConfig.optional(),
  tests: folderConfig.optional(),
  data_tests: folderConfig.optional(),
  sources: folderConfig.optional(),
  unit_tests: folderConfig.optional(),
  analyses: folderConfig.optional(),
  exposures: folderConfig.optional(),
  metrics: folderConfig.optional(),
  'semantic-models': folderConfig.optional(),
  'saved-queries': folderConfig.optional(),
  vars: z.record(z.string(), z.unknown()).optional(),
  'on-run-start': stringOrList.optional().nullable(),
  'on-run-end': stringOrList.optional().nullable(),
  dispatch: z.array(z.strictObject({ macro_namespace: z.string(), search_order: z.array(z.string()) })).optional(),
  quoting: z.record(z.string(), z.unknown()).optional(),
  flags: z.record(z.string(), z.unknown()).optional(),
  'restrict-access': z.boolean().optional(),
  'dbt-cloud': z.unknown().optional(),
});

/** A validated dbt_project.yml. */
export type DbtProjectFile = z.output<typeof dbtProjectSchema>;

/** packages.yml / dependencies.yml: only `local:` packages are installed; hub and git entries are kept for messages. */
export const dbtPackagesSchema = z.looseObject({
  packages: z
    .array(z.looseObject({ local: z.string().optional(), package: z.string().optional(), git: z.string().optional(), version: z.unknown().optional() }))
    .optional()
    .nullable(),
});

/** A validated packages.yml. */
export type DbtPackagesFile = z.output<typeof dbtPackagesSchema>;
