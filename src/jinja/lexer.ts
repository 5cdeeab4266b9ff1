// Does: turns template source into tokens, applying `{%-`/`-%}` whitespace control, comments and raw blocks.
// Does not: parse expressions or statements; trim_blocks/lstrip_blocks are off (as dbt configures Jinja).
import { TemplateSyntaxError } from './errors.js';
import type { Token, TokenType } from './tokens.js';

const TAG_START = /\{[{%#]/g;
const RAW_START = /\{%[-+]?\s*raw\s*(-?)%\}/y;
const RAW_END = /\{%([-+]?)\s*endraw\s*(-?)%\}/g;
const WS = /\s+/y;
const FLOAT = /(?:\d+_)*\d+(?:(?:\.(?:\d+_)*\d+)?[eE][+-]?(?:\d+_)*\d+|\.(?:\d+_)*\d+)/y;
const INT = /0[bB](?:_?[01])+|0[oO](?:_?[0-7])+|0[xX](?:_?[\da-fA-F])+|[1-9](?:_?\d)*|0(?:_?0)*/y;
const NAME = /[a-zA-Z_\u00c0-\uffff][a-zA-Z0-9_\u00c0-\uffff]*/y;
const TWO_CHAR_OPS = new Set(['//', '**', '==', '!=', '>=', '<=']);
const TWO_CHAR_FIRST = new Set(['/', '*', '=', '!', '>', '<']);
const ONE_CHAR_OPS = new Set(['+', '-', '/', '*', '%', '~', '[', ']', '(', ')', '{', '}', '>', '<', '=', '.', ':', '|', ',', ';']);
const OPENERS: Record<string, string> = { '(': ')', '[': ']', '{': '}' };

/** Source normalized as Jinja does: newlines become `\n` and one trailing newline is dropped. */
export function normalizeSource(source: string): string {
  let s = source.includes('\r') ? source.replace(/\r\n|\r/g, '\n') : source;
  if (s.endsWith('\n')) s = s.slice(0, -1);
  return s;
}

/** Python-style unescaping of a string literal body. */
export function unescapeString(body: string): string {
  if (!body.includes('\\')) return body;
  return body.replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[0-7]{1,3}|N\{[^}]*\}|[\s\S])/g, (m, e: string) => {
    switch (e[0]) {
      case 'n': return '\n';
      case 't': return '\t';
      case 'r': return '\r';
      case '\\': return '\\';
      case "'": return "'";
      case '"': return '"';
      case 'a': return '\x07';
      case 'b': return '\b';
      case 'f': return '\f';
      case 'v': return '\v';
      case '\n': return '';
      case 'x': case 'u': case 'U': return String.fromCodePoint(parseInt(e.slice(1), 16));
      default:
        if (/^[0-7]/.test(e)) return String.fromCodePoint(parseInt(e, 8));
        return m;
    }
  });
}

/** Index of the quote closing the string literal that opens at `start` (a backslash escapes any character), or -1. */
function stringEnd(source: string, start: number, quote: number): number {
  for (let i = start + 1; i < source.length; i++) {
    const k = source.charCodeAt(i);
    if (k === 92) i++; // backslash: skip the escaped character
    else if (k === quote) return i;
  }
  return -1;
}

/** True when the block tag whose content starts at `at` may be `raw` (after an optional -/+ and whitespace). */
function startsRaw(source: string, at: number): boolean {
  let i = at;
  if (source[i] === '-' || source[i] === '+') i++;
  for (let k = source.charCodeAt(i); k === 32 || k === 9 || k === 10 || k === 13 || k === 12 || k === 11 || k > 127; k = source.charCodeAt(++i));
  return source.startsWith('raw', i);
}

/** Tokenizes `source` (already normalized) into a flat token list ending with `eof`. */
export function tokenize(source: string, name: string): Token[] {
  const tokens: Token[] = [];
  const lineStarts = [0];
  for (let i = source.indexOf('\n'); i >= 0; i = source.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  let hintLine = 0;
  // Line and column of an offset; the column is left in `whereColumn` so no tuple is allocated per token.
  let whereColumn = 1;
  const where = (offset: number): number => {
    // Tokens arrive in order, so start from the previous line.
    if ((lineStarts[hintLine] ?? 0) <= offset && (hintLine + 1 >= lineStarts.length || lineStarts[hintLine + 1]! > offset)) {
      whereColumn = offset - (lineStarts[hintLine] ?? 0) + 1;
      return hintLine + 1;
    }
    if (hintLine + 1 < lineStarts.length && lineStarts[hintLine + 1]! <= offset && (hintLine + 2 >= lineStarts.length || lineStarts[hintLine + 2]! > offset)) {
      hintLine++;
      whereColumn = offset - (lineStarts[hintLine] ?? 0) + 1;
      return hintLine + 1;
    }
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((lineStarts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    hintLine = lo;
    whereColumn = offset - (lineStarts[lo] ?? 0) + 1;
    return lo + 1;
  };
  const push = (type: TokenType, value: string, offset: number, num?: number): void => {
    const line = where(offset);
    // Every token has the same shape (num included), which keeps the parser's property reads monomorphic.
    tokens.push({ type, value, line, column: whereColumn, num });
  };
  const fail = (msg: string, offset: number): never => {
    const line = where(offset);
    throw new TemplateSyntaxError(msg, name, line, whereColumn);
  };
  let pos = 0;
  let lstripNext = false;
  const stack: string[] = [];
  const n = source.length;
  const emitData = (text: string, offset: number, rstrip: boolean): void => {
    let t = text;
    if (lstripNext) t = t.replace(/^\s+/, '');
    if (rstrip) t = t.replace(/\s+$/, '');
    lstripNext = false;
    if (t) push('data', t, offset);
  };
  while (pos < n) {
    TAG_START.lastIndex = pos;
    const m = TAG_START.exec(source);
    if (!m) {
      emitData(source.slice(pos), pos, false);
      pos = n;
      break;
    }
    const start = m.index;
    const kind = m[0][1];
    const minus = source[start + 2] === '-';
    if (kind === '#') {
      emitData(source.slice(pos, start), pos, minus);
      const end = source.indexOf('#}', start + 2);
      if (end < 0) fail('Missing end of comment tag', start);
      lstripNext = source[end - 1] === '-' && end - 1 >= start + 2 + (minus ? 1 : 0);
      pos = end + 2;
      continue;
    }
    // A raw block can only start where "raw" follows the tag opening: test that before running the regex.
    if (kind === '%' && startsRaw(source, start + 2)) {
      RAW_START.lastIndex = start;
      const raw = RAW_START.exec(source);
      if (raw) {
        emitData(source.slice(pos, start), pos, minus);
        RAW_END.lastIndex = start + raw[0].length;
        const end = RAW_END.exec(source);
        if (!end) fail('Missing end of raw directive', start);
        let body = source.slice(start + raw[0].length, end!.index);
        if (raw[1] === '-') body = body.replace(/^\s+/, '');
        if (end![1] === '-') body = body.replace(/\s+$/, '');
        if (body) push('data', body, start + raw[0].length);
        lstripNext = end![2] === '-';
        pos = end!.index + end![0].length;
        continue;
      }
    }
    emitData(source.slice(pos, start), pos, minus);
    const isBlock = kind === '%';
    push(isBlock ? 'block_begin' : 'var_begin', m[0], start);
    pos = start + 2 + (minus || (isBlock && source[start + 2] === '+') ? 1 : 0);
    const endChar = isBlock ? '%' : '}';
    stack.length = 0;
    for (;;) {
      let cc = source.charCodeAt(pos);
      while (cc === 32 || cc === 10 || cc === 9 || cc === 13 || cc === 12 || cc === 11) cc = source.charCodeAt(++pos);
      if (cc > 127) {
        WS.lastIndex = pos;
        const ws = WS.exec(source);
        if (ws) pos += ws[0].length;
      }
      if (pos >= n) fail(`unexpected end of template, expected '${isBlock ? 'end of statement block' : 'end of print statement'}'`, pos);
      const c = source[pos]!;
      if (stack.length === 0) {
        if (c === endChar && source[pos + 1] === '}') {
          push(isBlock ? 'block_end' : 'var_end', endChar + '}', pos);
          pos += 2;
          break;
        }
        if (c === '-' && source[pos + 1] === endChar && source[pos + 2] === '}') {
          push(isBlock ? 'block_end' : 'var_end', '-' + endChar + '}', pos);
          pos += 3;
          lstripNext = true;
          break;
        }
        if (isBlock && c === '+' && source[pos + 1] === '%' && source[pos + 2] === '}') {
          push('block_end', '+%}', pos);
          pos += 3;
          break;
        }
      }
      if (c === "'" || c === '"') {
        // Scanned by hand (the regex's match arrays were a large share of the lexer's allocations).
        const close = stringEnd(source, pos, source.charCodeAt(pos));
        if (close < 0) fail('unexpected char ' + JSON.stringify(c).replace(/"/g, "'") + ` at ${pos}`, pos);
        push('string', unescapeString(source.slice(pos + 1, close)), pos);
        pos = close + 1;
        continue;
      }
      if (c >= '0' && c <= '9') {
        FLOAT.lastIndex = pos;
        const f = source[pos - 1] === '.' ? null : FLOAT.exec(source);
        if (f) {
          push('float', f[0], pos, parseFloat(f[0].replace(/_/g, '')));
          pos += f[0].length;
          continue;
        }
        INT.lastIndex = pos;
        const i = INT.exec(source);
        if (i) {
          const text = i[0].replace(/_/g, '');
          const lower = text.toLowerCase();
          const v = lower.startsWith('0b') ? parseInt(text.slice(2), 2) : lower.startsWith('0o') ? parseInt(text.slice(2), 8) : lower.startsWith('0x') ? parseInt(text.slice(2), 16) : parseInt(text, 10);
          push('int', i[0], pos, v);
          pos += i[0].length;
          continue;
        }
      }
      const code = source.charCodeAt(pos);
      if ((code >= 97 && code <= 122) || (code >= 65 && code <= 90) || code === 95) {
        let end = pos + 1;
        for (;;) {
          const k = source.charCodeAt(end);
          if ((k >= 97 && k <= 122) || (k >= 65 && k <= 90) || (k >= 48 && k <= 57) || k === 95) end++;
          else break;
        }
        if (!(source.charCodeAt(end) > 127)) {
          push('name', source.slice(pos, end), pos);
          pos = end;
          continue;
        }
      }
      NAME.lastIndex = pos;
      const nm = code > 127 || code === 95 || (code >= 65 && code <= 122) ? NAME.exec(source) : null;
      if (nm) {
        push('name', nm[0], pos);
        pos += nm[0].length;
        continue;
      }
      const two = TWO_CHAR_FIRST.has(c) ? source.substr(pos, 2) : '';
      const op = two !== '' && TWO_CHAR_OPS.has(two) ? two : ONE_CHAR_OPS.has(c) ? c : undefined;
      if (!op) fail(`unexpected char '${c}' at ${pos}`, pos);
      if (OPENERS[op!]) stack.push(OPENERS[op!]!);
      else if (op === ')' || op === ']' || op === '}') {
        if (stack.length === 0) fail(`unexpected '${op}'`, pos);
        const expected = stack.pop();
        if (expected !== op) fail(`unexpected '${op}', expected '${expected}'`, pos);
      }
      push('op', op!, pos);
      pos += op!.length;
    }
  }
  // Jinja reports end-of-template errors at the line where the last token starts.
  const last = tokens[tokens.length - 1];
  tokens.push({ type: 'eof', value: '', line: last ? last.line : 1, column: last ? last.column : 1 });
  return tokens;
}
