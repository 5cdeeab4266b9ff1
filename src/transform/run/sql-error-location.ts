// Does: maps a database error's position (DuckDB's "LINE n:" or a character offset in the statement it ran) to a
// line of the node's compiled SQL, and that line back to a line of the model file by matching its text.
// Does not: guess when the text does not say: a compiled line no source line matches has no model line.
import { isMercatorError } from '../../errors/index.js';

/** Where a database error points: the compiled SQL line, and the model file line when its text identifies one. */
export interface SqlErrorPosition {
  /** 1-based line in the compiled SQL (the target/compiled file). */
  compiledLine: number;
  /** 1-based line in the model file, when found. */
  sourceLine?: number;
  /** False when several source lines had this text and the order of the lines decided. */
  exact?: boolean;
  /** The engine's message without its own "LINE n:" excerpt (which quotes the statement, not the model). */
  message: string;
}

/** Messages and SQL along an error's cause chain: the engine's own message is usually the innermost. */
function chain(err: unknown): { messages: string[]; statement?: string } {
  const messages: string[] = [];
  let statement: string | undefined;
  for (let e: unknown = err, depth = 0; e && depth < 8; e = (e as { cause?: unknown }).cause, depth++) {
    if (e instanceof Error) messages.push(e.message);
    else if (typeof e === 'string') messages.push(e);
    if (!statement && isMercatorError(e) && typeof e.location?.sql === 'string') statement = e.location.sql;
  }
  return { messages, statement };
}

const LINE_MARK = /\n\s*LINE (\d+):/;
const OFFSET_MARK = /\bat (?:position|character|offset):? (\d+)/i;

/** The 1-based line of the statement the engine points at, from "LINE n:" or a character offset. */
export function statementLine(message: string, statement: string | undefined): number | undefined {
  const line = LINE_MARK.exec(message);
  if (line) return Number(line[1]);
  const offset = OFFSET_MARK.exec(message);
  if (offset && statement !== undefined) {
    const at = Math.min(Number(offset[1]), statement.length);
    return statement.slice(0, at).split('\n').length;
  }
  return undefined;
}

/** The engine message without the "LINE n: ... ^" excerpt and the prefixes wrappers add, on one line. */
function engineText(messages: string[]): string {
  const raw = messages.find((m) => LINE_MARK.test(m)) ?? messages[messages.length - 1] ?? '';
  const body = raw.replace(/\n\s*LINE \d+:[\s\S]*$/, '');
  return body.split('\n').map((l) => l.trim()).filter(Boolean).join(' ');
}

/** Line `line` of `statement` as a line of `compiled`, when the compiled SQL is in the statement and the line inside it. */
export function compiledLineOf(statement: string, compiled: string, line: number): number | undefined {
  const body = compiled.replace(/[\s;]+$/, '');
  if (!body) return undefined;
  const at = statement.indexOf(body);
  if (at < 0) return undefined;
  const first = statement.slice(0, at).split('\n').length;
  const inside = line - first + 1;
  const count = body.split('\n').length;
  return inside >= 1 && inside <= count ? inside : undefined;
}

const TAG = /\{\{[\s\S]*?\}\}|\{%[\s\S]*?%\}|\{#[\s\S]*?#\}/g;
const squash = (s: string): string => s.replace(/\s+/g, ' ').trim();
const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A matcher for the output one source line can produce: its text with every Jinja tag standing for anything. */
function linePattern(line: string): RegExp | null {
  // A tag left open on this line continues on the next ones: its rest stands for anything too.
  const open = line.search(/\{[{%#](?![\s\S]*[}%#]\})/);
  const text = open >= 0 ? `${line.slice(0, open)}{{}}` : line;
  const literal = squash(text.replace(TAG, ' '));
  if (!/[A-Za-z0-9]/.test(literal)) return null; // only tags: it could be anything
  const parts = text.split(TAG).map((p) => escape(squash(p)));
  return new RegExp(`^${parts.join('.*?').replace(/(\.\*\?)+/g, '.*?')}$`);
}

/**
 * The source line that produced compiled line `target`: lines are matched by their text with tags as wildcards,
 * walking the compiled lines in order so that repeated text resolves to the occurrence that order points at.
 */
export function sourceLineOf(source: string, compiled: string, target: number): { line: number; exact: boolean } | undefined {
  const patterns = source.split('\n').map(linePattern);
  const lines = compiled.split('\n');
  let pos = 0; // index of the source line the previous compiled line came from
  let found: { line: number; exact: boolean } | undefined;
  for (let i = 0; i < Math.min(target, lines.length); i++) {
    const text = squash(lines[i]!);
    if (!text) continue;
    const matches: number[] = [];
    for (let j = 0; j < patterns.length; j++) if (patterns[j]?.test(text)) matches.push(j);
    if (matches.length === 0) {
      if (i === target - 1) found = undefined;
      continue;
    }
    const next = matches.find((j) => j >= pos) ?? matches[0]!;
    pos = next;
    if (i === target - 1) found = { line: next + 1, exact: matches.length === 1 };
  }
  return found;
}

/** Where a database error raised while running `compiled` (the node's compiled SQL) points, if it says. */
export function sqlErrorPosition(err: unknown, compiled: string, source: string | null): SqlErrorPosition | undefined {
  const { messages, statement } = chain(err);
  const message = engineText(messages);
  let line: number | undefined;
  for (const m of messages) {
    line = statementLine(m, statement);
    if (line !== undefined) break;
  }
  if (line === undefined || statement === undefined) return undefined;
  const compiledLine = compiledLineOf(statement, compiled, line);
  if (compiledLine === undefined) return undefined;
  const mapped = source ? sourceLineOf(source, compiled, compiledLine) : undefined;
  return { compiledLine, sourceLine: mapped?.line, exact: mapped?.exact, message };
}
