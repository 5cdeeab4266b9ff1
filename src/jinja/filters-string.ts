// Does: Jinja's built-in filters that work on text (case, trim, replace, indent, truncate, wordwrap, format, escaping, urlencode...).
// Does not: handle sequences (filters-sequence.ts).
import { failUndefined } from './attributes.js';
import { RawRuntimeError } from './errors.js';
import { escapeHtml, forceEscape, stripTags, urlQuote } from './html.js';
import { percentFormat } from './python-format.js';
import { pyCapitalize } from './python-methods.js';
import { makeTuple, isDict, pyItems, pyIter, pyStr, truthy, num, isNumeric, typeName } from './python-values.js';
import { param, type FilterFn } from './registry.js';
import { Markup, Undefined } from './runtime.js';

/** Python's soft_str: Markup stays Markup text, everything else goes through str(). */
export function softStr(v: unknown): string {
  return v instanceof Markup ? v.value : pyStr(v);
}

const WRAP_WS = '[\\t\\n\\x0b\\x0c\\r ]';
const WRAP_NWS = '[^\\t\\n\\x0b\\x0c\\r ]';
const WRAP_WP = `[\\p{L}\\p{N}_!"'&.,?]`;
const WRAP_LT = '[\\p{L}\\p{M}_]';
const WRAP_W = '[\\p{L}\\p{N}_]';
// Python textwrap's wordsep_re: whitespace, em-dashes, and words split after hyphens between letters.
const WORDSEP = new RegExp(
  `(${WRAP_WS}+|(?<=${WRAP_WP})-{2,}(?=${WRAP_W})|${WRAP_NWS}+?(?:-(?:(?<=${WRAP_LT}{2}-)|(?<=${WRAP_LT}-${WRAP_LT}-))(?=${WRAP_LT}-?${WRAP_LT})|(?=${WRAP_WS}|$)|(?<=${WRAP_WP})(?=-{2,}${WRAP_W})))`,
  'u',
);
const WORDSEP_SIMPLE = new RegExp(`(${WRAP_WS}+)`);

/** Python textwrap.wrap(line, width, expand_tabs=False, replace_whitespace=False) as Jinja's wordwrap calls it. */
function wrapLine(line: string, width: number, breakLong: boolean, breakHyphens: boolean): string[] {
  if (width <= 0) throw new RawRuntimeError(`invalid width ${width} (must be > 0)`, 'value');
  const chunks = line.split(breakHyphens ? WORDSEP : WORDSEP_SIMPLE).filter((c) => c);
  const isBlank = (c: string): boolean => c.trim() === '';
  const lines: string[] = [];
  chunks.reverse();
  while (chunks.length) {
    const cur: string[] = [];
    let len = 0;
    if (lines.length && isBlank(chunks[chunks.length - 1]!)) chunks.pop();
    while (chunks.length) {
      const l = chunks[chunks.length - 1]!.length;
      if (len + l <= width) {
        cur.push(chunks.pop()!);
        len += l;
      } else break;
    }
    if (chunks.length && chunks[chunks.length - 1]!.length > width) {
      const spaceLeft = width < 1 ? 1 : width - len;
      if (breakLong) {
        const chunk = chunks[chunks.length - 1]!;
        let end = spaceLeft;
        if (breakHyphens && chunk.length > spaceLeft) {
          const hyphen = chunk.lastIndexOf('-', spaceLeft - 1);
          if (hyphen > 0 && /[^-]/.test(chunk.slice(0, hyphen))) end = hyphen + 1;
        }
        cur.push(chunk.slice(0, end));
        chunks[chunks.length - 1] = chunk.slice(end);
      } else if (!cur.length) cur.push(chunks.pop()!);
      len = cur.reduce((n, c) => n + c.length, 0);
    }
    if (cur.length && isBlank(cur[cur.length - 1]!)) cur.pop();
    if (cur.length) lines.push(cur.join(''));
  }
  return lines;
}

/** Text filters by name. */
export const STRING_FILTERS: Record<string, FilterFn> = {
  upper: (_r, v) => softStr(v).toUpperCase(),
  lower: (_r, v) => softStr(v).toLowerCase(),
  capitalize: (_r, v) => pyCapitalize(softStr(v)),
  title: (_r, v) =>
    softStr(v)
      .split(/([-\s({[<]+)/)
      .filter((x) => x)
      .map((x) => {
        const cs = [...x];
        return cs[0]!.toUpperCase() + cs.slice(1).join('').toLowerCase();
      })
      .join(''),
  trim: (_r, v, a, k) => {
    const chars = param(a, k, 0, 'chars', null);
    const s = softStr(v);
    if (chars === null || chars === undefined) return s.replace(/^\s+|\s+$/g, '');
    const set = pyStr(chars);
    let i = 0;
    let j = s.length;
    while (i < j && set.includes(s[i]!)) i++;
    while (j > i && set.includes(s[j - 1]!)) j--;
    return s.slice(i, j);
  },
  center: (_r, v, a, k) => {
    const s = softStr(v);
    const w = num(param(a, k, 0, 'width', 80));
    const n = [...s].length;
    if (n >= w) return s;
    const total = w - n;
    const left = Math.floor(total / 2) + (total & w & 1);
    return ' '.repeat(left) + s + ' '.repeat(total - left);
  },
  replace: (_r, v, a, k) => {
    const s = pyStr(v);
    const old = pyStr(param(a, k, 0, 'old', ''));
    const neu = pyStr(param(a, k, 1, 'new', ''));
    const cRaw = param(a, k, 2, 'count', null);
    const count = cRaw === null ? -1 : num(cRaw);
    if (count < 0) return old === '' ? neu + [...s].join(neu) + neu : s.split(old).join(neu);
    let out = '';
    let rest = s;
    for (let i = 0; i < count; i++) {
      const at = rest.indexOf(old);
      if (at < 0 || old === '') break;
      out += rest.slice(0, at) + neu;
      rest = rest.slice(at + old.length);
    }
    return out + rest;
  },
  indent: (_r, v, a, k) => {
    if (typeof v !== 'string' && !(v instanceof Markup)) throw new RawRuntimeError(`unsupported operand type(s) for +=: '${typeName(v)}' and 'str'`, 'type');
    const width = param(a, k, 0, 'width', 4);
    const first = truthy(param(a, k, 1, 'first', false));
    const blank = truthy(param(a, k, 2, 'blank', false));
    const ind = typeof width === 'string' ? width : ' '.repeat(num(width));
    const s = softStr(v) + '\n';
    const lines = s.split(/\r\n|\n|\r|\x0b|\x0c|\x1c|\x1d|\x1e|\x85|\u2028|\u2029/);
    lines.pop();
    let rv: string;
    if (blank) rv = lines.join('\n' + ind);
    else {
      rv = lines.shift() ?? '';
      if (lines.length) rv += '\n' + lines.map((l) => (l ? ind + l : l)).join('\n');
    }
    return first ? ind + rv : rv;
  },
  truncate: (_r, v, a, k) => {
    if (typeof v !== 'string' && !(v instanceof Markup) && !(v instanceof Undefined)) {
      // Python's len() of the value decides; only sequences that are short enough come back unchanged.
      if (!Array.isArray(v) && !isDict(v)) throw new RawRuntimeError(`object of type '${typeName(v)}' has no len()`, 'type');
      const n = Array.isArray(v) ? v.length : pyItems(v).length;
      if (n <= num(param(a, k, 0, 'length', 255)) + num(param(a, k, 3, 'leeway', 5))) return v;
      throw new RawRuntimeError(`'${typeName(v)}' object has no attribute 'rsplit'`, 'type');
    }
    const s = softStr(v);
    const length = num(param(a, k, 0, 'length', 255));
    const killwords = truthy(param(a, k, 1, 'killwords', false));
    const end = pyStr(param(a, k, 2, 'end', '...'));
    const leeway = num(param(a, k, 3, 'leeway', 5));
    if (length < end.length) throw new RawRuntimeError(`expected length >= ${end.length}, got ${length}`, 'value');
    const cs = [...s];
    if (cs.length <= length + leeway) return s;
    const head = cs.slice(0, length - end.length).join('');
    if (killwords) return head + end;
    const at = head.lastIndexOf(' ');
    return (at < 0 ? head : head.slice(0, at)) + end;
  },
  wordwrap: (_r, v, a, k) => {
    if (v instanceof Undefined) failUndefined(v);
    const s = softStr(v);
    const width = num(param(a, k, 0, 'width', 79));
    const breakLong = truthy(param(a, k, 1, 'break_long_words', true));
    const wrapstring = pyStr(param(a, k, 2, 'wrapstring', '\n') ?? '\n');
    const breakHyphens = truthy(param(a, k, 3, 'break_on_hyphens', true));
    return s
      .split(/\r\n|\n|\r/)
      .map((line) => wrapLine(line, width, breakLong, breakHyphens).join(wrapstring))
      .join(wrapstring);
  },
  wordcount: (_r, v) => (softStr(v).match(/[\p{L}\p{N}_]+/gu) ?? []).length,
  format: (_r, v, a, k) => {
    const hasKw = Object.keys(k).length > 0;
    if (a.length && hasKw) throw new RawRuntimeError("can't handle positional and keyword arguments at the same time", 'runtime');
    return percentFormat(softStr(v), hasKw ? k : makeTuple([...a]));
  },
  striptags: (_r, v) => stripTags(softStr(v)),
  escape: (_r, v) => escapeHtml(v),
  e: (_r, v) => escapeHtml(v),
  forceescape: (_r, v) => new Markup(forceEscape(softStr(v))),
  safe: (_r, v) => (v instanceof Markup ? v : new Markup(pyStr(v))),
  string: (_r, v) => (v instanceof Markup ? v : pyStr(v)),
  urlencode: (_r, v) => {
    if (typeof v === 'string' || v instanceof Markup || !(Array.isArray(v) || isDict(v))) return urlQuote(v, false);
    const items = isDict(v)
      ? pyItems(v)
      : (v as unknown[]).map((p) => {
          const pair = pyIter(p);
          if (pair.length !== 2) throw new RawRuntimeError(`not enough values to unpack (expected 2, got ${pair.length})`, 'value');
          return pair as [unknown, unknown];
        });
    return items.map(([key, val]) => `${urlQuote(key, true)}=${urlQuote(val, true)}`).join('&');
  },
  xmlattr: (_r, v, a, k) => {
    const autospace = truthy(param(a, k, 0, 'autospace', true));
    if (!isDict(v)) throw new RawRuntimeError(`'${pyStr(v)}' has no attribute 'items'`, 'type');
    const parts: string[] = [];
    for (const [key, val] of pyItems(v)) {
      if (val === null || val === undefined || val instanceof Undefined) continue;
      const ks = pyStr(key);
      if (/[\s/>=]/.test(ks)) throw new RawRuntimeError(`Invalid character in attribute name: '${ks}'`, 'value');
      parts.push(`${escapeHtml(ks).value}="${escapeHtml(val).value}"`);
    }
    const rv = parts.join(' ');
    return autospace && rv ? ' ' + rv : rv;
  },
  filesizeformat: (_r, v, a, k) => {
    if (v instanceof Undefined) failUndefined(v);
    const bytes = isNumeric(v) ? num(v) : parseFloat(pyStr(v));
    const binary = truthy(param(a, k, 0, 'binary', false));
    const base = binary ? 1024 : 1000;
    const prefixes = binary ? ['KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB', 'ZiB', 'YiB'] : ['kB', 'MB', 'GB', 'TB', 'PB', 'EB', 'ZB', 'YB'];
    if (bytes === 1) return '1 Byte';
    if (bytes < base) return `${Math.trunc(bytes)} Bytes`;
    let unit = base;
    let prefix = prefixes[0]!;
    for (let i = 0; i < prefixes.length; i++) {
      unit = base ** (i + 2);
      prefix = prefixes[i]!;
      if (bytes < unit) return `${((base * bytes) / unit).toFixed(1)} ${prefix}`;
    }
    return `${((base * bytes) / unit).toFixed(1)} ${prefix}`;
  },
};
