import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LineFile } from './line-file.js';

describe('LineFile', () => {
  const dirs: string[] = [];
  const fileIn = (): string => {
    const dir = mkdtempSync(join(tmpdir(), 'mercator-line-file-'));
    dirs.push(dir);
    return join(dir, 'out.jsonl');
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('writes every line in order across many buffer flushes, multi-byte text intact', () => {
    const path = fileIn();
    const file = new LineFile(path);
    const lines = Array.from({ length: 30_000 }, (_, i) => JSON.stringify({ i, name: `Zoë ${i} — 東京 ${'x'.repeat(i % 97)}` }));
    for (const line of lines) file.add(line);
    file.close();
    expect(file.lines).toBe(lines.length);
    expect(readFileSync(path, 'utf8')).toBe(lines.join('\n') + '\n');
  });

  it('writes a line larger than its buffer whole, between the lines around it', () => {
    const path = fileIn();
    const file = new LineFile(path);
    const large = 'é'.repeat(1_500_000); // 3 MB of UTF-8, above the 1 MB buffer
    file.add('first');
    file.add(large);
    file.add('last');
    file.close();
    expect(readFileSync(path, 'utf8')).toBe(`first\n${large}\nlast\n`);
  });

  it('creates an empty file for no lines and fails clearly on a missing folder', () => {
    const path = fileIn();
    new LineFile(path).close();
    expect(readFileSync(path, 'utf8')).toBe('');
    expect(() => new LineFile(join(path, 'missing', 'x.jsonl'))).toThrow(/ENOTDIR|ENOENT/);
  });
});
