// vitest globalSetup: starts the test PostgreSQL once per run and provides its URL as `pgUrl`
// (read it in tests with `inject('pgUrl')`; see test-postgres.ts).
import type { TestProject } from 'vitest/node';
import { startTestPostgres } from './test-postgres.js';

/** Starts the server, provides `pgUrl`, and returns the teardown that stops and removes it. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = await startTestPostgres();
  project.provide('pgUrl', server.url);
  return () => server.stop();
}
