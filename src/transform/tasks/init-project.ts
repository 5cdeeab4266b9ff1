import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { MercatorError } from '../../errors/index.js';

/** The files `init` writes for a new project named `name`. */
export function starterFiles(name: string): Record<string, string> {
  return {
    'dbt_project.yml': `name: ${name}\nversion: '1.0.0'\nconfig-version: 2\nprofile: ${name}\n\nmodel-paths: [models]\nseed-paths: [seeds]\nmacro-paths: [macros]\nsnapshot-paths: [snapshots]\ntest-paths: [tests]\n\nmodels:\n  ${name}:\n    staging:\n      +materialized: view\n    marts:\n      +materialized: table\n`,
    'profiles.yml': `${name}:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n      path: ${name}.duckdb\n      schema: main\n      threads: 4\n`,
    'seeds/raw_orders.csv': `id,customer_id,ordered_at,amount\n1,1,2024-01-01,10.50\n2,2,2024-01-02,20.00\n`,
    'models/staging/stg_orders.sql': `select id as order_id, customer_id, ordered_at, amount\nfrom {{ ref('raw_orders') }}\n`,
    'models/marts/orders_per_customer.sql': `select customer_id, count(*) as orders, sum(amount) as revenue\nfrom {{ ref('stg_orders') }}\ngroup by customer_id\n`,
    'models/staging/schema.yml': `version: 2\nmodels:\n  - name: stg_orders\n    columns:\n      - name: order_id\n        data_tests: [unique, not_null]\n`,
    'macros/.gitkeep': '',
    'snapshots/.gitkeep': '',
    'tests/.gitkeep': '',
    '.gitignore': `target/\ndbt_packages/\n*.duckdb\n*.duckdb.wal\n`,
  };
}

/** `init`: scaffolds a runnable project in `parentDir/name`; refuses to overwrite an existing folder. */
export function initProject(parentDir: string, name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new MercatorError('CLI_USAGE', { detail: `project name \`${name}\` must be lower-case letters, digits and underscores` });
  const dir = resolve(parentDir, name);
  if (existsSync(dir)) throw new MercatorError('CLI_USAGE', { detail: `${dir} already exists` });
  for (const [path, text] of Object.entries(starterFiles(name))) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}
