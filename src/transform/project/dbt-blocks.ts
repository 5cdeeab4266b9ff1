/** Replaces `text` by the same number of newlines, so line numbers after it stay right. */
const blank = (text: string): string => text.replace(/[^\n]/g, '');

/**
 * Rewrites dbt-only block tags into plain Jinja, keeping line numbers: `{% test x(...) %}` becomes
 * `{% macro test_x(...) %}`, `{% docs %}` and `{% materialization %}` blocks are blanked out.
 */
export function rewriteDbtBlocks(source: string): string {
  return source
    .replace(/\{%(-?)\s*test\s+(\w+)\s*\(/g, (_m, dash: string, name: string) => `{%${dash} macro test_${name}(`)
    .replace(/\{%(-?)\s*endtest\s*(-?)%\}/g, (_m, a: string, b: string) => `{%${a} endmacro ${b}%}`)
    .replace(/\{%-?\s*docs\s[\s\S]*?\{%-?\s*enddocs\s*-?%\}/g, blank)
    .replace(/\{%-?\s*materialization\s[\s\S]*?\{%-?\s*endmaterialization\s*-?%\}/g, blank);
}

/** One `{% snapshot name %}…{% endsnapshot %}` block: its name, body and the 1-based line the body starts on. */
export interface SnapshotBlock {
  name: string;
  body: string;
  line: number;
}

/** Finds legacy snapshot blocks in a .sql file. */
export function findSnapshotBlocks(source: string): SnapshotBlock[] {
  const out: SnapshotBlock[] = [];
  const re = /\{%-?\s*snapshot\s+(\w+)\s*-?%\}([\s\S]*?)\{%-?\s*endsnapshot\s*-?%\}/g;
  for (const m of source.matchAll(re)) {
    const bodyStart = (m.index ?? 0) + m[0].indexOf(m[2] ?? '');
    out.push({ name: m[1]!, body: m[2] ?? '', line: source.slice(0, bodyStart).split('\n').length });
  }
  return out;
}
