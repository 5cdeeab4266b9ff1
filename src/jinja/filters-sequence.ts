// Does: Jinja's built-in filters over sequences and mappings (sort, map, select, groupby, join, batch, sum...).
// Does not: handle text-only filters (filters-string.ts).
import { getAttr, getItem } from './attributes.js';
import { RawRuntimeError } from './errors.js';
import { generatorKind, isDict, makeGenerator, makeTuple, num, pyCompare, pyEq, pyItems, pyIter, pyLen, pyStr, truthy } from './python-values.js';
import { pyArith } from './python-arith.js';
import { param, type FilterFn, type Registry } from './registry.js';
import { Markup, Undefined } from './runtime.js';

type Getter = (item: unknown) => unknown;

function attrParts(attribute: unknown): (string | number)[] {
  if (attribute === null || attribute === undefined) return [];
  if (typeof attribute === 'string') return attribute.split('.').map((x) => (/^\d+$/.test(x) ? parseInt(x, 10) : x));
  return [num(attribute)];
}

function lowerIfStr(v: unknown): unknown {
  return typeof v === 'string' ? v.toLowerCase() : v instanceof Markup ? v.value.toLowerCase() : v;
}

/** Jinja's make_attrgetter: dotted path lookup with item-then-attribute semantics. */
export function makeAttrGetter(attribute: unknown, postprocess?: Getter, dflt?: unknown): Getter {
  const parts = attrParts(attribute);
  return (item) => {
    let v = item;
    for (const p of parts) {
      v = getItem(v, p);
      if (dflt !== undefined && dflt !== null && v instanceof Undefined) v = dflt;
    }
    return postprocess ? postprocess(v) : v;
  };
}

function multiGetter(attribute: unknown, postprocess?: Getter): Getter {
  if (typeof attribute !== 'string' || !attribute.includes(',')) return makeAttrGetter(attribute, postprocess);
  const getters = attribute.split(',').map((a) => makeAttrGetter(a, postprocess));
  return (item) => getters.map((g) => g(item));
}

function sortBy(items: unknown[], key: Getter, reverse: boolean): unknown[] {
  const keyed = items.map((x) => [key(x), x] as const);
  keyed.sort((a, b) => (reverse ? -1 : 1) * cmpKeys(a[0], b[0]));
  return keyed.map((p) => p[1]);
}

function cmpKeys(a: unknown, b: unknown): number {
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      if (!pyEq(a[i], b[i])) return pyCompare(a[i], b[i], '<');
    }
    return a.length - b.length;
  }
  return pyCompare(a, b, '<');
}

function minMax(v: unknown, a: unknown[], k: Record<string, unknown>, sign: number): unknown {
  const items = pyIter(v);
  if (!items.length) return new Undefined(undefined, undefined, false, 'No aggregated item, sequence was empty.');
  const cs = truthy(param(a, k, 0, 'case_sensitive', false));
  const key = makeAttrGetter(param(a, k, 1, 'attribute', null), cs ? undefined : lowerIfStr);
  let best = items[0];
  let bestKey = key(best);
  for (const x of items.slice(1)) {
    const kx = key(x);
    if (sign * pyCompare(kx, bestKey, sign > 0 ? '>' : '<') > 0) {
      best = x;
      bestKey = kx;
    }
  }
  return best;
}

function testFilter(reg: Registry, args: unknown[], kw: Record<string, unknown>, lookupAttr: boolean): Getter {
  let trans: Getter = (x) => x;
  let off = 0;
  if (lookupAttr) {
    if (!args.length) throw new RawRuntimeError('Missing parameter for attribute name', 'runtime');
    trans = makeAttrGetter(args[0]);
    off = 1;
  }
  if (args.length <= off) return (x) => truthy(trans(x));
  const name = pyStr(args[off]);
  const rest = args.slice(off + 1);
  const test = reg.tests.get(name);
  if (!test) throw new RawRuntimeError(`No test named '${name}'.`, 'runtime');
  return (x) => test(reg, trans(x), rest, kw);
}

function mapItems(reg: Registry, v: unknown, a: unknown[], k: Record<string, unknown>): unknown[] {
  if (!truthy(v)) return [];
  const items = pyIter(v);
  if (!a.length && Object.hasOwn(k, 'attribute')) {
    const { attribute, default: dflt, ...rest } = k;
    const extra = Object.keys(rest)[0];
    if (extra !== undefined) throw new RawRuntimeError(`Unexpected keyword argument '${extra}'`, 'runtime');
    return items.map(makeAttrGetter(attribute, undefined, dflt ?? null));
  }
  if (!a.length) throw new RawRuntimeError('map requires a filter argument', 'runtime');
  const name = pyStr(a[0]);
  const f = reg.filters.get(name);
  if (!f) throw new RawRuntimeError(`No filter named '${name}'.`, 'runtime');
  const rest = a.slice(1);
  return items.map((x) => f(reg, x, rest, k));
}

/** Makes a tuple of (grouper, list) that also answers `.grouper` and `.list`. */
function groupTuple(grouper: unknown, list: unknown[]): unknown[] {
  const t = makeTuple([grouper, list]);
  Object.defineProperty(t, 'grouper', { value: grouper, enumerable: false });
  Object.defineProperty(t, 'list', { value: list, enumerable: false });
  return t;
}

/** Sequence filters by name. */
export const SEQUENCE_FILTERS: Record<string, FilterFn> = {
  length: (_r, v) => lengthOf(v),
  count: (_r, v) => lengthOf(v),
  list: (_r, v) => [...pyIter(v)],
  first: (_r, v) => {
    // next(iter(x)): an iterator gives up only its first item.
    if (generatorKind(v) !== undefined) {
      const g = v as unknown[];
      return g.length ? g.shift() : new Undefined(undefined, undefined, false, 'No first item, sequence was empty.');
    }
    const items = pyIter(v);
    return items.length ? items[0] : new Undefined(undefined, undefined, false, 'No first item, sequence was empty.');
  },
  last: (_r, v) => {
    const gen = generatorKind(v);
    if (gen !== undefined) throw new RawRuntimeError(`'${gen}' object is not reversible`, 'type');
    const items = pyIter(v);
    return items.length ? items[items.length - 1] : new Undefined(undefined, undefined, false, 'No last item, sequence was empty.');
  },
  join: (_r, v, a, k) => {
    const d = pyStr(param(a, k, 0, 'd', ''));
    const attribute = param(a, k, 1, 'attribute', null);
    let items = pyIter(v);
    if (attribute !== null) items = items.map(makeAttrGetter(attribute));
    return items.map(pyStr).join(d);
  },
  reverse: (_r, v) => {
    if (typeof v === 'string' || v instanceof Markup) return [...String(v)].reverse().join('');
    // reversed() gives an iterator for sequences and dicts; other iterables become a reversed list.
    const fromGenerator = generatorKind(v) !== undefined;
    const items = [...pyIter(v)].reverse();
    if (fromGenerator) return items;
    return makeGenerator(items, Array.isArray(v) ? 'list_reverseiterator' : isDict(v) ? 'dict_reversekeyiterator' : 'reversed');
  },
  sort: (_r, v, a, k) => {
    const reverse = truthy(param(a, k, 0, 'reverse', false));
    const cs = truthy(param(a, k, 1, 'case_sensitive', false));
    const key = multiGetter(param(a, k, 2, 'attribute', null), cs ? undefined : lowerIfStr);
    return sortBy(pyIter(v), key, reverse);
  },
  dictsort: (_r, v, a, k) => {
    const cs = truthy(param(a, k, 0, 'case_sensitive', false));
    const by = pyStr(param(a, k, 1, 'by', 'key'));
    const reverse = truthy(param(a, k, 2, 'reverse', false));
    if (by !== 'key' && by !== 'value') throw new RawRuntimeError('You can only sort by either "key" or "value"', 'runtime');
    if (!isDict(v)) throw new RawRuntimeError(`'${pyStr(v)}' object has no attribute 'items'`, 'type');
    const pos = by === 'key' ? 0 : 1;
    const items = pyItems(v).map((e) => makeTuple([...e]));
    return sortBy(items, (t) => (cs ? (t as unknown[])[pos] : lowerIfStr((t as unknown[])[pos])), reverse);
  },
  items: (_r, v) => {
    if (v instanceof Undefined) return makeGenerator([]);
    if (!isDict(v)) throw new RawRuntimeError('Can only get item pairs from a mapping.', 'type');
    return makeGenerator(pyItems(v).map((e) => makeTuple([...e])));
  },
  unique: (_r, v, a, k) => {
    const cs = truthy(param(a, k, 0, 'case_sensitive', false));
    const key = makeAttrGetter(param(a, k, 1, 'attribute', null), cs ? undefined : lowerIfStr);
    const seen: unknown[] = [];
    const out: unknown[] = [];
    for (const x of pyIter(v)) {
      const kx = key(x);
      if (!seen.some((s) => pyEq(s, kx))) {
        seen.push(kx);
        out.push(x);
      }
    }
    return makeGenerator(out);
  },
  min: (_r, v, a, k) => minMax(v, a, k, -1),
  max: (_r, v, a, k) => minMax(v, a, k, 1),
  sum: (_r, v, a, k) => {
    const attribute = param(a, k, 0, 'attribute', null);
    let acc = param(a, k, 1, 'start', 0);
    let items = pyIter(v);
    if (attribute !== null) items = items.map(makeAttrGetter(attribute));
    for (const x of items) acc = pyArith('+', acc, x);
    return acc;
  },
  map: (reg, v, a, k) => makeGenerator(mapItems(reg, v, a, k)),
  select: (reg, v, a, k) => makeGenerator(truthy(v) ? pyIter(v).filter(testFilter(reg, a, k, false) as (x: unknown) => boolean) : []),
  reject: (reg, v, a, k) => {
    if (!truthy(v)) return makeGenerator([]);
    const t = testFilter(reg, a, k, false);
    return makeGenerator(pyIter(v).filter((x) => !t(x)));
  },
  selectattr: (reg, v, a, k) => makeGenerator(truthy(v) ? pyIter(v).filter(testFilter(reg, a, k, true) as (x: unknown) => boolean) : []),
  rejectattr: (reg, v, a, k) => {
    if (!truthy(v)) return makeGenerator([]);
    const t = testFilter(reg, a, k, true);
    return makeGenerator(pyIter(v).filter((x) => !t(x)));
  },
  groupby: (_r, v, a, k) => {
    const attribute = param(a, k, 0, 'attribute', null);
    const dflt = param(a, k, 1, 'default', null);
    const cs = truthy(param(a, k, 2, 'case_sensitive', false));
    const key = makeAttrGetter(attribute, cs ? undefined : lowerIfStr, dflt);
    const outKey = makeAttrGetter(attribute, undefined, dflt);
    const sorted = sortBy(pyIter(v), key, false);
    const groups: unknown[] = [];
    let curKey: unknown;
    let cur: unknown[] | null = null;
    for (const x of sorted) {
      const kx = key(x);
      if (cur && pyEq(kx, curKey)) cur.push(x);
      else {
        cur = [x];
        curKey = kx;
        groups.push(cur);
      }
    }
    return groups.map((g) => {
      const list = g as unknown[];
      return groupTuple(cs ? key(list[0]) : outKey(list[0]), list);
    });
  },
  batch: (_r, v, a, k) => {
    const n = num(param(a, k, 0, 'linecount', 1));
    const fill = param(a, k, 1, 'fill_with', null);
    const out: unknown[][] = [];
    let tmp: unknown[] = [];
    for (const x of pyIter(v)) {
      if (tmp.length === n) {
        out.push(tmp);
        tmp = [];
      }
      tmp.push(x);
    }
    if (tmp.length) {
      if (fill !== null && tmp.length < n) while (tmp.length < n) tmp.push(fill);
      out.push(tmp);
    }
    return makeGenerator(out);
  },
  slice: (_r, v, a, k) => {
    const seq = pyIter(v);
    const slices = num(param(a, k, 0, 'slices', 1));
    const fill = param(a, k, 1, 'fill_with', null);
    const per = Math.floor(seq.length / slices);
    const extra = seq.length % slices;
    let offset = 0;
    const out: unknown[][] = [];
    for (let i = 0; i < slices; i++) {
      const start = offset + i * per;
      if (i < extra) offset += 1;
      const end = offset + (i + 1) * per;
      const tmp = seq.slice(start, end);
      if (fill !== null && i >= extra) tmp.push(fill);
      out.push(tmp);
    }
    return makeGenerator(out);
  },
  attr: (_r, v, a, k) => {
    const name = pyStr(param(a, k, 0, 'name', ''));
    if (isDict(v) && !(v instanceof Map) && Object.hasOwn(v, name)) {
      const r = getAttr(v, name);
      if (typeof r === 'function') return r;
      return new Undefined(name, v, true);
    }
    return getAttr(v, name);
  },
};

function lengthOf(v: unknown): number {
  return pyLen(v);
}
