// A clickstream batch that cannot be written is a coded error naming the folder, in-thread and from the built
// worker thread alike (a path under a file cannot be created, even by root).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EventBatchWriter } from '../../src/demo/event-batches.js';
import { shopCatalogue } from '../../src/demo/index.js';

const ASOF = Date.UTC(2026, 10, 23);
const root = mkdtempSync(join(tmpdir(), 'event-batches-'));
const blocker = join(root, 'not-a-folder');
writeFileSync(blocker, 'a file where the landing folder should be');
afterAll(() => rmSync(root, { recursive: true, force: true }));

const spec = { dir: join(blocker, 'landing'), seed: 3, eventsPerDay: 200, catalogue: shopCatalogue({ seed: 3, scale: 0.01, asOfMs: ASOF }), customerCount: 100 };
const expected = { code: 'DEMO_FILES_WRITE', message: expect.stringContaining(spec.dir) };

describe('clickstream batches that cannot be written', () => {
  it('fail with DEMO_FILES_WRITE in-thread', async () => {
    const writer = new EventBatchWriter(spec, false);
    expect(() => writer.write(ASOF - 86_400_000, [])).toThrow(expect.objectContaining(expected));
    await writer.finish();
  });

  it('fail with DEMO_FILES_WRITE from the worker thread of the built CLI', async () => {
    const built = (await import(new URL('../../dist/demo/event-batches.js', import.meta.url).href)) as { EventBatchWriter: typeof EventBatchWriter };
    const writer = new built.EventBatchWriter(spec, true);
    writer.write(ASOF - 86_400_000, []);
    await expect(writer.finish()).rejects.toMatchObject(expected);
  });
});
