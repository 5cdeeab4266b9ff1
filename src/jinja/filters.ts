// Does: the table of Jinja's built-in filters: numbers, defaults and serialization here, text and sequence filters merged in.
// Does not: implement the text or sequence filters themselves (filters-string.ts, filters-sequence.ts).
import { failUndefined } from './attributes.js';
import { RawRuntimeError } from './errors.js';
import { SEQUENCE_FILTERS } from './filters-sequence.js';
import { STRING_FILTERS } from './filters-string.js';
import { pyRound } from './python-format.js';
import { jsonDumps, pformat } from './python-json.js';
import { isFloat, isNumeric, makeFloat, num, pyIter, pyStr, truthy, typeName, PyFloat } from './python-values.js';
import { pyNeg } from './python-arith.js';
import { param, type FilterFn } from './registry.js';
import { Markup, Undefined } from './runtime.js';

/** Python int(str, base), or null when the text is not an integer literal. */
function parseIntPy(s: string, base: number): number | null {
  let t = s.trim().replace(/_/g, '');
  let sign = 1;
  if (t.startsWith('-') || t.startsWith('+')) {
    if (t[0] === '-') sign = -1;
    t = t.slice(1);
  }
  let b = base;
  const lower = t.toLowerCase();
  if ((b === 16 || b === 0) && lower.startsWith('0x')) {
    b = 16;
    t = t.slice(2);
  } else if ((b === 8 || b === 0) && lower.startsWith('0o')) {
    b = 8;
    t = t.slice(2);
  } else if ((b === 2 || b === 0) && lower.startsWith('0b')) {
    b = 2;
    t = t.slice(2);
  } else if (b === 0) b = 10;
  if (!t) return null;
  const digits = '0123456789abcdefghijklmnopqrstuvwxyz'.slice(0, b);
  for (const c of t.toLowerCase()) if (!digits.includes(c)) return null;
  return sign * parseInt(t, b);
}

/** Python float(str), or null when the text is not a float literal. */
export function parseFloatPy(s: string): number | null {
  const t = s.trim().replace(/_/g, '').toLowerCase();
  if (/^[-+]?(inf|infinity)$/.test(t)) return t.startsWith('-') ? -Infinity : Infinity;
  if (/^[-+]?nan$/.test(t)) return NaN;
  if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/.test(t)) return null;
  return parseFloat(t);
}

const NUMBER_FILTERS: Record<string, FilterFn> = {
  abs: (_r, v) => {
    if (!isNumeric(v)) throw new RawRuntimeError(`bad operand type for abs(): '${typeName(v)}'`, 'type');
    const n = num(v);
    return isFloat(v) ? makeFloat(Math.abs(n)) : Math.abs(n);
  },
  int: (_r, v, a, k) => {
    if (v instanceof Undefined) failUndefined(v);
    const dflt = param(a, k, 0, 'default', 0);
    const base = num(param(a, k, 1, 'base', 10));
    if (typeof v === 'string' || v instanceof Markup) {
      const s = String(v);
      const i = parseIntPy(s, base);
      if (i !== null) return i;
      const f = parseFloatPy(s);
      if (f !== null && Number.isFinite(f)) return Math.trunc(f);
      return dflt;
    }
    if (isNumeric(v)) {
      const n = num(v);
      return Number.isFinite(n) ? Math.trunc(n) : dflt;
    }
    return dflt;
  },
  float: (_r, v, a, k) => {
    if (v instanceof Undefined) failUndefined(v);
    const dflt = param(a, k, 0, 'default', new PyFloat(0));
    if (typeof v === 'string' || v instanceof Markup) {
      const f = parseFloatPy(String(v));
      return f === null ? dflt : makeFloat(f);
    }
    if (isNumeric(v)) return makeFloat(num(v));
    return dflt;
  },
  round: (_r, v, a, k) => {
    const precision = num(param(a, k, 0, 'precision', 0));
    const method = pyStr(param(a, k, 1, 'method', 'common'));
    if (!['common', 'ceil', 'floor'].includes(method)) throw new RawRuntimeError('method must be common, ceil or floor', 'runtime');
    if (!isNumeric(v)) throw new RawRuntimeError(`type ${typeName(v)} doesn't define __round__ method`, 'type');
    const x = num(v);
    if (method === 'common') {
      if (!isFloat(v)) return precision >= 0 ? x : pyRound(x, precision);
      return makeFloat(pyRound(x, precision));
    }
    const f = 10 ** precision;
    return makeFloat((method === 'ceil' ? Math.ceil(x * f) : Math.floor(x * f)) / f);
  },
  default: (_r, v, a, k) => {
    const dflt = param(a, k, 0, 'default_value', '');
    const boolean = truthy(param(a, k, 1, 'boolean', false));
    return v instanceof Undefined || (boolean && !truthy(v)) ? dflt : v;
  },
  tojson: (_r, v, a, k) => {
    const indent = param(a, k, 0, 'indent', null) as number | string | null;
    const s = jsonDumps(v, indent, true);
    return new Markup(s.replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026').replace(/'/g, '\\u0027'));
  },
  pprint: (_r, v) => pformat(v),
  random: (_r, v) => {
    const items = pyIter(v);
    return items.length ? items[Math.floor(Math.random() * items.length)] : new Undefined(undefined, undefined, false, 'No random item, sequence was empty.');
  },
  neg: (_r, v) => pyNeg(v, '-'),
};

/** All built-in filters by name (`d` and `count` are aliases, as in Jinja). */
export const BUILTIN_FILTERS: Record<string, FilterFn> = {
  ...STRING_FILTERS,
  ...SEQUENCE_FILTERS,
  ...NUMBER_FILTERS,
  d: NUMBER_FILTERS.default!,
};
delete BUILTIN_FILTERS.neg;
