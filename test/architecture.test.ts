// Keeps the module graph honest: no import cycles, and dependencies point the way ARCHITECTURE.md says.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const srcDir = resolve(dirname(fileURLToPath(import.meta.url)), '../src');

/** Which top-level folders each folder may import from (besides itself). `cli` may import anything. */
const allowed: Record<string, readonly string[]> = {
  errors: [],
  log: [],
  jinja: [],
  config: ['errors'],
  warehouse: ['errors', 'config', 'log'],
  transform: ['warehouse', 'jinja', 'config', 'errors', 'log'],
  ingest: ['warehouse', 'config', 'errors', 'log'],
  quality: ['transform', 'warehouse', 'jinja', 'config', 'errors', 'log'],
  orchestrate: ['ingest', 'transform', 'quality', 'warehouse', 'config', 'errors', 'log'],
  metrics: ['warehouse', 'config', 'errors', 'log'],
  serve: ['metrics', 'ops', 'warehouse', 'config', 'errors', 'log'],
  ops: ['warehouse', 'config', 'errors', 'log'],
  demo: ['warehouse', 'config', 'errors', 'log'],
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') && !path.endsWith('.test.ts') ? [path] : [];
  });
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specifiers = [...text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1] ?? m[2]!);
  return specifiers
    .filter((s) => s.startsWith('.'))
    .map((s) => resolve(dirname(file), s.replace(/\.js$/, '.ts')))
    .filter((target) => target.endsWith('.ts'));
}

const files = sourceFiles(srcDir);
const graph = new Map(files.map((file) => [file, importsOf(file)] as const));
const folderOf = (file: string): string => relative(srcDir, file).split('/')[0]!;

describe('module graph', () => {
  it('has no import cycles', () => {
    // Tarjan's strongly connected components; any component larger than one file is a cycle.
    let index = 0;
    const indexes = new Map<string, number>();
    const low = new Map<string, number>();
    const stack: string[] = [];
    const onStack = new Set<string>();
    const cycles: string[][] = [];
    const visit = (file: string): void => {
      indexes.set(file, index);
      low.set(file, index++);
      stack.push(file);
      onStack.add(file);
      for (const next of graph.get(file) ?? []) {
        if (!graph.has(next)) continue;
        if (!indexes.has(next)) {
          visit(next);
          low.set(file, Math.min(low.get(file)!, low.get(next)!));
        } else if (onStack.has(next)) low.set(file, Math.min(low.get(file)!, indexes.get(next)!));
      }
      if (low.get(file) === indexes.get(file)) {
        const component: string[] = [];
        let member: string;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          component.push(relative(srcDir, member));
        } while (member !== file);
        if (component.length > 1) cycles.push(component.sort());
      }
    };
    for (const file of files) if (!indexes.has(file)) visit(file);
    expect(cycles).toEqual([]);
  });

  it('points dependencies one way between folders', () => {
    const violations: string[] = [];
    for (const [file, targets] of graph) {
      const from = folderOf(file);
      if (from === 'cli' || !(from in allowed)) continue;
      for (const target of targets) {
        const to = folderOf(target);
        if (to !== from && !allowed[from]!.includes(to)) violations.push(`${relative(srcDir, file)} → ${relative(srcDir, target)}`);
      }
    }
    expect(violations).toEqual([]);
  });

  it('imports a specific warehouse adapter only from the warehouse registry', () => {
    const violations: string[] = [];
    for (const [file, targets] of graph) {
      const rel = relative(srcDir, file);
      for (const target of targets) {
        const adapter = /^warehouse\/([a-z]+)\//.exec(relative(srcDir, target))?.[1];
        const sameAdapter = rel.startsWith(`warehouse/${adapter}/`);
        if (adapter && !sameAdapter && rel !== 'warehouse/registry.ts') violations.push(`${rel} → ${relative(srcDir, target)}`);
      }
    }
    expect(violations).toEqual([]);
  });
});
