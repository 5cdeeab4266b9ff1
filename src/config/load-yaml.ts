import { readFileSync, existsSync } from 'node:fs';
import { LineCounter, parseDocument, isNode, isMap, isScalar, type Document } from 'yaml';
import type { z } from 'zod';
import { MercatorError } from '../errors/index.js';
import { describeIssue, formatKeyPath } from './describe-issue.js';

/** A parsed YAML file that can say on which line any key path sits. */
export interface YamlSource {
  file: string;
  document: Document;
  /** 1-based line of the node at `path` (or of its nearest existing ancestor). */
  lineOf(path: readonly PropertyKey[]): number;
  /** Plain JS value of the whole document (`{}` for an empty file). */
  value: unknown;
}

/** Parses YAML text; syntax errors become CONFIG_YAML_SYNTAX naming the file, line and column. */
export function parseYamlSource(text: string, file: string): YamlSource {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const first = document.errors[0];
  if (first) {
    const pos = lineCounter.linePos(errorOffset(text, first.code, first.message, first.pos[0]));
    const detail = first.message.split('\n')[0]!;
    throw new MercatorError('CONFIG_YAML_SYNTAX', { file, line: pos.line, column: pos.col, detail }, { location: { file, line: pos.line, column: pos.col } });
  }
  const lineOf = (path: readonly PropertyKey[]): number => {
    for (let depth = path.length; depth >= 0; depth--) {
      const parent = depth === 0 ? undefined : depth === 1 ? document.contents : document.getIn(path.slice(0, depth - 1) as unknown[], true);
      if (isMap(parent)) {
        // Point at the key's line rather than its value's (a nested value starts on the next line).
        const pair = parent.items.find((p) => isScalar(p.key) && String(p.key.value) === String(path[depth - 1]));
        if (pair && isNode(pair.key) && pair.key.range) return lineCounter.linePos(pair.key.range[0]).line;
      }
      const node = depth === 0 ? document.contents : document.getIn(path.slice(0, depth) as unknown[], true);
      if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line;
    }
    return 1;
  };
  return { file, document, lineOf, value: document.toJS({ maxAliasCount: 1000 }) ?? {} };
}

/** Where a syntax error really starts: an unclosed quote is reported at the end of input, so point at its opening. */
function errorOffset(text: string, code: string, message: string, offset: number): number {
  const quote = /closing (["'])/.exec(message)?.[1];
  if (code === 'MISSING_CHAR' && quote) {
    const opening = text.lastIndexOf(quote, Math.max(0, offset - 1));
    if (opening >= 0) return opening;
  }
  return Math.min(offset, Math.max(0, text.length - 1));
}

/** The issue to report: a misspelt key first, since a "required" issue for the right key is its consequence. */
function firstIssue(issues: readonly z.core.$ZodIssue[]): z.core.$ZodIssue {
  return issues.find((i) => i.code === 'unrecognized_keys') ?? issues[0]!;
}

/** Parses and validates YAML text against a zod schema; returns the frozen, typed value. */
export function parseYamlText<S extends z.ZodType>(text: string, file: string, schema: S): z.output<S> {
  const source = parseYamlSource(text, file);
  return validateYamlSource(source, schema);
}

/** Validates an already parsed YAML source; the first issue becomes CONFIG_INVALID with line and key path. */
export function validateYamlSource<S extends z.ZodType>(source: YamlSource, schema: S): z.output<S> {
  const result = schema.safeParse(source.value, { reportInput: true });
  if (result.success) return deepFreeze(result.data);
  const described = describeIssue(firstIssue(result.error.issues), schema);
  const line = source.lineOf(described.path);
  throw new MercatorError(
    'CONFIG_INVALID',
    { file: source.file, line, path: described.pathText, detail: described.detail, suggestion: described.suggestion },
    // The zod error is not kept as cause: its text is the issue above, in a less readable form.
    { location: { file: source.file, line } },
  );
}

/**
 * Validates the value at `path` inside an already parsed source (e.g. one `sources.<name>` entry against its
 * connector's schema); errors carry the full key path and the line in the original file.
 */
export function validateYamlAt<S extends z.ZodType>(source: YamlSource, path: readonly PropertyKey[], schema: S): z.output<S> {
  let value: unknown = source.value;
  for (const segment of path) value = value && typeof value === 'object' ? (value as Record<PropertyKey, unknown>)[segment] : undefined;
  const result = schema.safeParse(value, { reportInput: true });
  if (result.success) return deepFreeze(result.data);
  const described = describeIssue(firstIssue(result.error.issues), schema);
  const fullPath = [...path, ...described.path];
  const line = source.lineOf(fullPath);
  throw new MercatorError(
    'CONFIG_INVALID',
    { file: source.file, line, path: formatKeyPath(fullPath), detail: described.detail, suggestion: described.suggestion },
    { location: { file: source.file, line } },
  );
}

/** Reads a YAML file into a YamlSource (for configs validated in parts). Missing file → CONFIG_FILE_MISSING. */
export function readYamlSource(file: string): YamlSource {
  if (!existsSync(file)) throw new MercatorError('CONFIG_FILE_MISSING', { file });
  return parseYamlSource(readFileSync(file, 'utf8'), file);
}

/** Reads, parses and validates a YAML file. Missing file → CONFIG_FILE_MISSING. */
export function loadYamlFile<S extends z.ZodType>(file: string, schema: S): z.output<S> {
  if (!existsSync(file)) throw new MercatorError('CONFIG_FILE_MISSING', { file });
  return parseYamlText(readFileSync(file, 'utf8'), file, schema);
}

/** Freezes a validated config so later code can trust it unchanged. */
export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value as Record<string, unknown>)) deepFreeze(child);
  }
  return value;
}
