import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startLocalPostgres } from '../../src/demo/index.js';
import { isMercatorError } from '../../src/errors/index.js';

// Only root hands the server to the `postgres` user, so only then can a private parent folder lock it out.
const isRoot = process.getuid?.() === 0;

describe.skipIf(!isRoot)('embedded PostgreSQL under a folder the postgres user cannot enter (root only)', () => {
  it('fails with a hint that says how to fix the folder permissions', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mercator-private-')); // mode 0700, owned by root
    try {
      const error = await startLocalPostgres(join(dir, '.mercator', 'postgres')).then(() => null, (e: unknown) => e);
      expect(isMercatorError(error, 'DEMO_POSTGRES_START')).toBe(true);
      expect((error as { hint: string }).hint).toContain('chmod o+x');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
