// Does: the Python methods of str, list/tuple and dict values (`'a'.upper()`, `l.append(x)`, `d.items()`).
// Does not: resolve attributes of other objects (see attributes.ts).
import { RawRuntimeError } from './errors.js';
import { strFormat } from './python-format.js';
import { Markup, Undefined } from './runtime.js';
import { generatorKind, isPlainObject, isTuple, makeTuple, makeView, pyCompare, pyEq, pyIter, pyStr, repr, truthy, typeName } from './python-values.js';

/** A Python method implementation: receives self, positional arguments and keyword arguments. */
export type PyMethod = (self: any, args: unknown[], kw: Record<string, unknown>) => unknown;

/** Field lookup used by str.format for `{0.attr}` and `{0[key]}`; installed by attributes.ts. */
export const formatFieldHook: { get: (obj: unknown, key: string | number, isAttr: boolean) => unknown } = {
  get: () => undefined,
};

const WS = ' \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000';

function arg(args: unknown[], kw: Record<string, unknown>, i: number, name: string, dflt: unknown): unknown {
  if (i < args.length) return args[i];
  if (Object.hasOwn(kw, name)) return kw[name];
  return dflt;
}

function str(v: unknown, what: string): string {
  if (typeof v === 'string') return v;
  if (v instanceof Markup) return v.value;
  throw new RawRuntimeError(`${what} arg must be None or str`, 'type');
}

function stripChars(s: string, chars: unknown, left: boolean, right: boolean): string {
  const set = chars === null || chars === undefined ? WS : str(chars, 'strip');
  const cs = [...s];
  let a = 0;
  let b = cs.length;
  if (left) while (a < b && set.includes(cs[a]!)) a++;
  if (right) while (b > a && set.includes(cs[b - 1]!)) b--;
  return cs.slice(a, b).join('');
}

function isCased(ch: string): boolean {
  return ch.toLowerCase() !== ch.toUpperCase();
}

/** Python str.title(). */
export function pyTitle(s: string): string {
  let out = '';
  let prevCased = false;
  for (const ch of s) {
    out += prevCased ? ch.toLowerCase() : ch.toUpperCase();
    prevCased = isCased(ch);
  }
  return out;
}

/** Python str.capitalize(). */
export function pyCapitalize(s: string): string {
  const cs = [...s];
  if (!cs.length) return s;
  return cs[0]!.toUpperCase() + cs.slice(1).join('').toLowerCase();
}

/** Python str.split(sep=None, maxsplit=-1). */
export function pySplit(s: string, sep: unknown, maxsplit: number): string[] {
  if (sep === null || sep === undefined) {
    const out: string[] = [];
    let rest = s.replace(/^\s+/, '');
    while (rest.length) {
      if (maxsplit >= 0 && out.length >= maxsplit) {
        out.push(rest);
        return out;
      }
      const m = /\s+/.exec(rest);
      if (!m) {
        out.push(rest);
        break;
      }
      out.push(rest.slice(0, m.index));
      rest = rest.slice(m.index + m[0].length);
    }
    return out;
  }
  const sp = str(sep, 'split');
  if (sp === '') throw new RawRuntimeError('empty separator', 'value');
  const parts = s.split(sp);
  if (maxsplit < 0 || parts.length <= maxsplit + 1) return parts;
  return [...parts.slice(0, maxsplit), parts.slice(maxsplit).join(sp)];
}

function pyRsplit(s: string, sep: unknown, maxsplit: number): string[] {
  if (maxsplit < 0) return pySplit(s, sep, -1);
  if (sep === null || sep === undefined) {
    const words = pySplit(s, null, -1);
    if (words.length <= maxsplit + 1) return words;
    const trimmed = s.replace(/\s+$/, '');
    let end = trimmed.length;
    const tail: string[] = [];
    for (let k = 0; k < maxsplit; k++) {
      const w = words[words.length - 1 - k]!;
      const at = trimmed.lastIndexOf(w, end - w.length);
      tail.unshift(w);
      end = at;
    }
    return [trimmed.slice(0, end).replace(/\s+$/, ''), ...tail];
  }
  const sp = str(sep, 'rsplit');
  const parts = s.split(sp);
  if (parts.length <= maxsplit + 1) return parts;
  const cut = parts.length - maxsplit;
  return [parts.slice(0, cut).join(sp), ...parts.slice(cut)];
}

function count(s: string, sub: string, start?: unknown, end?: unknown): number {
  const t = sliceStr(s, start, end);
  if (sub === '') return [...t].length + 1;
  return t.split(sub).length - 1;
}

/** A Python slice bound: None → the default, negative counts from the end, clamped to [0, length]. */
function sliceIndex(v: unknown, fallback: number, length: number): number {
  if (v === undefined || v === null) return fallback;
  let x = Number(v);
  if (x < 0) x += length;
  return Math.max(0, Math.min(length, x));
}

function sliceStr(s: string, start?: unknown, end?: unknown): string {
  if ((start === undefined || start === null) && (end === undefined || end === null)) return s;
  const cs = [...s];
  const n = cs.length;
  const norm = (v: unknown, d: number): number => sliceIndex(v, d, n);
  return cs.slice(norm(start, 0), norm(end, n)).join('');
}

function prefixes(v: unknown): string[] {
  if (Array.isArray(v)) return v.map((x) => str(x, 'startswith'));
  if (typeof v === 'string' || v instanceof Markup) return [String(v)];
  throw new RawRuntimeError(`startswith first arg must be str or a tuple of str, not ${typeName(v)}`, 'type');
}

function padArgs(args: unknown[], kw: Record<string, unknown>): [number, string] {
  const w = Number(arg(args, kw, 0, 'width', 0));
  const f = String(arg(args, kw, 1, 'fillchar', ' '));
  return [w, f];
}

function findIn(s: string, sub: string, start: unknown, end: unknown, last: boolean): number {
  const cs = [...s];
  const n = cs.length;
  const norm = (v: unknown, d: number): number => sliceIndex(v, d, n);
  const a = norm(start, 0);
  const b = norm(end, n);
  const hay = cs.slice(a, b).join('');
  const i = last ? hay.lastIndexOf(sub) : hay.indexOf(sub);
  if (i < 0) return -1;
  return a + [...hay.slice(0, i)].length;
}

/** Python str methods by name. */
export const STR_METHODS: Record<string, PyMethod> = {
  upper: (s: string) => s.toUpperCase(),
  lower: (s: string) => s.toLowerCase(),
  casefold: (s: string) => s.toLowerCase(),
  swapcase: (s: string) => [...s].map((c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase())).join(''),
  strip: (s: string, a, k) => stripChars(s, arg(a, k, 0, 'chars', null), true, true),
  lstrip: (s: string, a, k) => stripChars(s, arg(a, k, 0, 'chars', null), true, false),
  rstrip: (s: string, a, k) => stripChars(s, arg(a, k, 0, 'chars', null), false, true),
  split: (s: string, a, k) => pySplit(s, arg(a, k, 0, 'sep', null), Number(arg(a, k, 1, 'maxsplit', -1))),
  rsplit: (s: string, a, k) => pyRsplit(s, arg(a, k, 0, 'sep', null), Number(arg(a, k, 1, 'maxsplit', -1))),
  splitlines: (s: string, a, k) => {
    const keep = truthy(arg(a, k, 0, 'keepends', false));
    const parts = s.match(/[^\n\r]*(?:\r\n|\n|\r)|[^\n\r]+$/g) ?? [];
    return keep ? parts : parts.map((p) => p.replace(/(\r\n|\n|\r)$/, ''));
  },
  replace: (s: string, a, k) => {
    const old = str(arg(a, k, 0, 'old', ''), 'replace');
    const neu = str(arg(a, k, 1, 'new', ''), 'replace');
    const n = Number(arg(a, k, 2, 'count', -1));
    if (n < 0) return old === '' ? neu + [...s].join(neu) + neu : s.split(old).join(neu);
    let out = s;
    let from = 0;
    for (let i = 0; i < n; i++) {
      const at = out.indexOf(old, from);
      if (at < 0) break;
      out = out.slice(0, at) + neu + out.slice(at + old.length);
      from = at + neu.length + (old === '' ? 1 : 0);
    }
    return out;
  },
  startswith: (s: string, a, k) => {
    const t = sliceStr(s, arg(a, k, 1, 'start', null), arg(a, k, 2, 'end', null));
    return prefixes(arg(a, k, 0, 'prefix', '')).some((p) => t.startsWith(p));
  },
  endswith: (s: string, a, k) => {
    const t = sliceStr(s, arg(a, k, 1, 'start', null), arg(a, k, 2, 'end', null));
    return prefixes(arg(a, k, 0, 'suffix', '')).some((p) => t.endsWith(p));
  },
  format: (s: string, a, k) => strFormat(s, a, k, formatFieldHook.get),
  format_map: (s: string, a) => strFormat(s, [], (a[0] ?? {}) as Record<string, unknown>, formatFieldHook.get),
  join: (s: string, a) =>
    pyIter(a[0]).map((x, i) => {
      if (typeof x === 'string') return x;
      if (x instanceof Markup) return x.value;
      throw new RawRuntimeError(`sequence item ${i}: expected str instance, ${typeName(x)} found`, 'type');
    }).join(s),
  title: (s: string) => pyTitle(s),
  capitalize: (s: string) => pyCapitalize(s),
  count: (s: string, a) => count(s, str(a[0], 'count'), a[1], a[2]),
  find: (s: string, a) => findIn(s, str(a[0], 'find'), a[1], a[2], false),
  rfind: (s: string, a) => findIn(s, str(a[0], 'rfind'), a[1], a[2], true),
  index: (s: string, a) => {
    const i = findIn(s, str(a[0], 'index'), a[1], a[2], false);
    if (i < 0) throw new RawRuntimeError('substring not found', 'value');
    return i;
  },
  rindex: (s: string, a) => {
    const i = findIn(s, str(a[0], 'rindex'), a[1], a[2], true);
    if (i < 0) throw new RawRuntimeError('substring not found', 'value');
    return i;
  },
  isdigit: (s: string) => /^[0-9\u00b2\u00b3\u00b9]+$/.test(s),
  isdecimal: (s: string) => /^[0-9]+$/.test(s),
  isnumeric: (s: string) => /^[0-9\u00b2\u00b3\u00b9\u00bc-\u00be]+$/.test(s),
  isalpha: (s: string) => /^\p{L}+$/u.test(s),
  isalnum: (s: string) => /^[\p{L}\p{N}]+$/u.test(s),
  isspace: (s: string) => s.length > 0 && [...s].every((c) => WS.includes(c)),
  islower: (s: string) => [...s].some(isCased) && s === s.toLowerCase(),
  isupper: (s: string) => [...s].some(isCased) && s === s.toUpperCase(),
  istitle: (s: string) => [...s].some(isCased) && pyTitle(s) === s,
  isidentifier: (s: string) => /^[\p{L}_][\p{L}\p{N}_]*$/u.test(s),
  zfill: (s: string, a) => {
    const w = Number(a[0]);
    if (s.length >= w) return s;
    const sign = s[0] === '-' || s[0] === '+' ? s[0] : '';
    return sign + '0'.repeat(w - s.length) + s.slice(sign.length);
  },
  center: (s: string, a, k) => {
    const [w, f] = padArgs(a, k);
    const n = [...s].length;
    if (n >= w) return s;
    const total = w - n;
    const left = Math.floor(total / 2) + (total & w & 1);
    return f.repeat(left) + s + f.repeat(total - left);
  },
  ljust: (s: string, a, k) => {
    const [w, f] = padArgs(a, k);
    return s + f.repeat(Math.max(0, w - [...s].length));
  },
  rjust: (s: string, a, k) => {
    const [w, f] = padArgs(a, k);
    return f.repeat(Math.max(0, w - [...s].length)) + s;
  },
  partition: (s: string, a) => {
    const sep = str(a[0], 'partition');
    const i = s.indexOf(sep);
    return makeTuple(i < 0 ? [s, '', ''] : [s.slice(0, i), sep, s.slice(i + sep.length)]);
  },
  rpartition: (s: string, a) => {
    const sep = str(a[0], 'rpartition');
    const i = s.lastIndexOf(sep);
    return makeTuple(i < 0 ? ['', '', s] : [s.slice(0, i), sep, s.slice(i + sep.length)]);
  },
  removeprefix: (s: string, a) => {
    const p = str(a[0], 'removeprefix');
    return p && s.startsWith(p) ? s.slice(p.length) : s;
  },
  removesuffix: (s: string, a) => {
    const p = str(a[0], 'removesuffix');
    return p && s.endsWith(p) ? s.slice(0, -p.length) : s;
  },
  expandtabs: (s: string, a) => {
    const size = Number(a[0] ?? 8);
    let col = 0;
    let out = '';
    for (const c of s) {
      if (c === '\t') {
        const n = size > 0 ? size - (col % size) : 0;
        out += ' '.repeat(n);
        col += n;
      } else {
        out += c;
        col = c === '\n' || c === '\r' ? 0 : col + 1;
      }
    }
    return out;
  },
};

function listIndex(l: unknown[], x: unknown): number {
  const i = l.findIndex((y) => pyEq(y, x));
  if (i < 0) throw new RawRuntimeError(`${repr(x)} is not in list`, 'value');
  return i;
}

/** Python tuple methods by name. */
export const TUPLE_METHODS: Record<string, PyMethod> = {
  count: (l: unknown[], a) => l.filter((y) => pyEq(y, a[0])).length,
  index: (l: unknown[], a) => listIndex(l, a[0]),
};

/** Python list methods by name. */
export const LIST_METHODS: Record<string, PyMethod> = {
  ...TUPLE_METHODS,
  append: (l: unknown[], a) => {
    l.push(a[0]);
    return null;
  },
  extend: (l: unknown[], a) => {
    l.push(...pyIter(a[0]));
    return null;
  },
  insert: (l: unknown[], a) => {
    let i = Number(a[0]);
    if (i < 0) i = Math.max(0, l.length + i);
    l.splice(Math.min(i, l.length), 0, a[1]);
    return null;
  },
  pop: (l: unknown[], a) => {
    if (!l.length) throw new RawRuntimeError('pop from empty list', 'value');
    let i = a.length ? Number(a[0]) : l.length - 1;
    if (i < 0) i += l.length;
    if (i < 0 || i >= l.length) throw new RawRuntimeError('pop index out of range', 'value');
    return l.splice(i, 1)[0];
  },
  remove: (l: unknown[], a) => {
    const i = l.findIndex((y) => pyEq(y, a[0]));
    if (i < 0) throw new RawRuntimeError('list.remove(x): x not in list', 'value');
    l.splice(i, 1);
    return null;
  },
  reverse: (l: unknown[]) => {
    l.reverse();
    return null;
  },
  sort: (l: unknown[], _a, k) => {
    l.sort(pyCompareAsc);
    if (truthy(k.reverse)) l.reverse();
    return null;
  },
  copy: (l: unknown[]) => [...l],
  clear: (l: unknown[]) => {
    l.length = 0;
    return null;
  },
};

function pyCompareAsc(a: unknown, b: unknown): number {
  return pyCompare(a, b, '<');
}

function keyOf(k: unknown): string {
  return typeof k === 'string' ? k : pyStr(k);
}

/** Python dict methods by name; `self` is a plain object or a Map. */
export const DICT_METHODS: Record<string, PyMethod> = {
  items: (d) => makeView(d instanceof Map ? [...d.entries()].map((e) => makeTuple(e)) : Object.entries(d).map((e) => makeTuple(e)), 'dict_items'),
  keys: (d) => makeView(d instanceof Map ? [...d.keys()] : Object.keys(d), 'dict_keys'),
  values: (d) => makeView(d instanceof Map ? [...d.values()] : Object.values(d), 'dict_values'),
  get: (d, a, k) => {
    const key = a[0];
    const dflt = a.length > 1 ? a[1] : Object.hasOwn(k, 'default') ? k.default : null;
    if (d instanceof Map) return d.has(key) ? d.get(key) : dflt;
    if ((typeof key === 'string' || typeof key === 'number') && Object.hasOwn(d, String(key))) {
      const v = d[String(key)];
      return v === undefined ? null : v;
    }
    return dflt;
  },
  update: (d, a, k) => {
    const src = a[0];
    const pairs: [unknown, unknown][] = [];
    if (src instanceof Map) pairs.push(...src.entries());
    else if (isPlainObject(src)) pairs.push(...Object.entries(src));
    else if (src !== undefined && src !== null && !(src instanceof Undefined)) for (const p of pyIter(src)) pairs.push(pyIter(p) as [unknown, unknown]);
    pairs.push(...Object.entries(k));
    for (const [key, v] of pairs) {
      if (d instanceof Map) d.set(key, v);
      else d[keyOf(key)] = v;
    }
    return null;
  },
  pop: (d, a) => {
    const key = a[0];
    if (d instanceof Map) {
      if (d.has(key)) {
        const v = d.get(key);
        d.delete(key);
        return v;
      }
    } else if (Object.hasOwn(d, keyOf(key))) {
      const v = d[keyOf(key)];
      delete d[keyOf(key)];
      return v;
    }
    if (a.length > 1) return a[1];
    throw new RawRuntimeError(repr(key), 'key');
  },
  setdefault: (d, a) => {
    const key = a[0];
    const dflt = a.length > 1 ? a[1] : null;
    if (d instanceof Map) {
      if (!d.has(key)) d.set(key, dflt);
      return d.get(key);
    }
    if (!Object.hasOwn(d, keyOf(key))) d[keyOf(key)] = dflt;
    return d[keyOf(key)];
  },
  copy: (d) => (d instanceof Map ? new Map(d) : { ...d }),
  clear: (d) => {
    if (d instanceof Map) d.clear();
    else for (const key of Object.keys(d)) delete d[key];
    return null;
  },
  popitem: (d) => {
    const entries = d instanceof Map ? [...d.entries()] : Object.entries(d);
    const last = entries[entries.length - 1];
    if (!last) throw new RawRuntimeError("'popitem(): dictionary is empty'", 'key');
    if (d instanceof Map) d.delete(last[0]);
    else delete d[String(last[0])];
    return makeTuple([...last]);
  },
};

/** Iterators (results of map, select...) have no list methods. */
const NO_METHODS: Record<string, PyMethod> = {};

/** The method table for a value's Python type, or null when it has none. */
export function methodsFor(v: unknown): Record<string, PyMethod> | null {
  if (typeof v === 'string' || v instanceof Markup) return STR_METHODS;
  if (Array.isArray(v)) return generatorKind(v) !== undefined ? NO_METHODS : isTuple(v) ? TUPLE_METHODS : LIST_METHODS;
  if (v instanceof Map || isPlainObject(v)) return DICT_METHODS;
  return null;
}
