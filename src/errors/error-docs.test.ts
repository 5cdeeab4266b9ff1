import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { errorRegistry } from './error-registry.js';

const docs = readFileSync(new URL('../../docs/errors.md', import.meta.url), 'utf8');
const documented = new Set([...docs.matchAll(/^### ([A-Z0-9_]+)\s*$/gm)].map((m) => m[1]));

describe('docs/errors.md', () => {
  it('documents every registered error code', () => {
    const missing = Object.keys(errorRegistry).filter((code) => !documented.has(code));
    expect(missing).toEqual([]);
  });

  it('documents no code that the registry lacks', () => {
    const stale = [...documented].filter((code) => !(code! in errorRegistry));
    expect(stale).toEqual([]);
  });

  it('gives every code a non-empty message and hint', () => {
    for (const [code, spec] of Object.entries(errorRegistry)) {
      expect(spec.message.length, code).toBeGreaterThan(0);
      expect(spec.hint.length, code).toBeGreaterThan(0);
    }
  });
});
