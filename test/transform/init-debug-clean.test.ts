import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../../src/log/index.js';
import { cleanProject, debugProject, runTransformTask } from '../../src/transform/index.js';

let parent: string | undefined;
afterEach(() => {
  if (parent) rmSync(parent, { recursive: true, force: true });
  parent = undefined;
});

describe('init, debug, build on a DuckDB file, clean', () => {
  it('scaffolds a project that debug accepts and build builds into its DuckDB file', async () => {
    parent = mkdtempSync(join(tmpdir(), 'mercator-init-'));
    const { initProject } = await import('../../src/transform/index.js');
    const dir = initProject(parent, 'my_shop');
    const logger = createMemoryLogger();
    expect(await debugProject({ projectDir: dir, env: {}, logger })).toBe(true);
    const result = await runTransformTask('build', { projectDir: dir, logger, env: {} });
    expect(result.summary).toMatchObject({ error: 0, pass: 5 });
    expect(existsSync(join(dir, 'my_shop.duckdb'))).toBe(true);
    expect(existsSync(join(dir, 'target/manifest.json'))).toBe(true);
    cleanProject(dir);
    expect(existsSync(join(dir, 'target'))).toBe(false);
    expect(() => initProject(parent!, 'my_shop')).toThrow(/already exists/);
  });
});
