import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { StripeStore } from './stripe-store.js';

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

function storeWith(objects: { id: string; created: number; v: number }[]): { store: StripeStore; file: string } {
  dir = mkdtempSync(join(tmpdir(), 'stripe-store-'));
  const file = join(dir, 'charges.jsonl');
  writeFileSync(file, objects.map((o) => JSON.stringify(o) + '\n').join(''));
  const store = new StripeStore(file);
  store.refresh();
  return { store, file };
}

const ids = (lines: string[]): string[] => lines.map((l) => (JSON.parse(l) as { id: string }).id);

describe('StripeStore', () => {
  it('pages newest first with the latest version of each object after updates are appended', () => {
    const objects = Array.from({ length: 30 }, (_, i) => ({ id: `ch_${i}`, created: 1000 + i, v: 1, pad: 'x'.repeat(i * 7) }));
    const { store, file } = storeWith(objects);
    const first = store.list({ limit: 10 });
    expect(ids(first.lines)).toEqual(Array.from({ length: 10 }, (_, k) => `ch_${29 - k}`));
    expect(first.lines.map((l) => JSON.parse(l) as unknown)).toEqual(objects.slice(20).reverse());
    // Updates are appended: ch_25 and ch_3 now live at the end of the file, far from their neighbours.
    appendFileSync(file, JSON.stringify({ id: 'ch_25', created: 1025, v: 2 }) + '\n' + JSON.stringify({ id: 'ch_3', created: 1003, v: 2 }) + '\n');
    store.refresh();
    const again = store.list({ limit: 10 });
    expect(ids(again.lines)).toEqual(ids(first.lines));
    expect(JSON.parse(again.lines[4]!)).toEqual({ id: 'ch_25', created: 1025, v: 2 });
    const last = store.list({ limit: 10, startingAfter: 'ch_10' });
    expect(ids(last.lines)).toEqual(Array.from({ length: 10 }, (_, k) => `ch_${9 - k}`));
    expect(JSON.parse(last.lines[6]!)).toEqual({ id: 'ch_3', created: 1003, v: 2 });
    expect(last.hasMore).toBe(false);
    expect(store.get('ch_3')).toBe(JSON.stringify({ id: 'ch_3', created: 1003, v: 2 }));
    // The joined page a list response splices in holds the same objects, in the same order, as the lines.
    for (const query of [{ limit: 10 }, { limit: 10, startingAfter: 'ch_10' }, { limit: 4, endingBefore: 'ch_2' }, { limit: 5, created: { gte: 1026 } }, { limit: 3, created: { gt: 5000 } }]) {
      const joined = store.listJoined(query);
      const page = store.list(query);
      expect(JSON.parse(`[${joined.data.toString('utf8')}]`)).toEqual(page.lines.map((l) => JSON.parse(l) as unknown));
      expect(joined.hasMore).toBe(page.hasMore);
    }
    expect(store.listJoined({ limit: 3, created: { gt: 5000 } }).data.length).toBe(0);
  });
});
