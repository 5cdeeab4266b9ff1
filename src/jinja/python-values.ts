// Does: Python value semantics on JS values: int vs float, tuples, str()/repr(), truthiness, ==, <, membership, iteration.
// Does not: implement the arithmetic operators (python-arith.ts), methods of str/list/dict (python-methods.ts) or filters.
import { RawRuntimeError } from './errors.js';
import { Cycler, Joiner, Markup, Namespace, Undefined } from './runtime.js';

/** A float whose value is integral (2.0); non-integral floats are plain JS numbers. */
export class PyFloat {
  constructor(readonly value: number) {}
  /** Lets JS arithmetic use it as a number. */
  valueOf(): number {
    return this.value;
  }
  /** Serializes as a number. */
  toJSON(): number {
    return this.value;
  }
  /** Python's str() of the float. */
  toString(): string {
    return floatRepr(this.value);
  }
}

const TUPLE = Symbol('jinja.tuple');
const GENERATOR = Symbol('jinja.generator');
const VIEW = Symbol('jinja.view');
const MACRO = Symbol('jinja.macro');

/** Marks a macro function with its metadata (see compiler.ts). */
export const MACRO_INFO: typeof MACRO = MACRO;

/** Makes a float value: integral results become PyFloat so they render with `.0`. */
export function makeFloat(n: number): number | PyFloat {
  return Number.isInteger(n) ? new PyFloat(n) : n;
}

/** Marks an array as a Python tuple. */
export function makeTuple<T>(items: T[]): T[] {
  (items as unknown as Record<symbol, boolean>)[TUPLE] = true;
  return items;
}

/**
 * Marks an array as a Python iterator (what map/select/unique... return): always truthy, no len(), not
 * subscriptable, and consumed by the first iteration.
 */
export function makeGenerator<T>(items: T[], kind = 'generator'): T[] {
  (items as unknown as Record<symbol, string>)[GENERATOR] = kind;
  return items;
}

/** The iterator kind of an array made by makeGenerator, else undefined. */
export function generatorKind(v: unknown): string | undefined {
  return Array.isArray(v) ? (v as unknown as Record<symbol, string | undefined>)[GENERATOR] : undefined;
}

/** True for arrays created as tuples. */
export function isTuple(v: unknown): boolean {
  return Array.isArray(v) && (v as unknown as Record<symbol, unknown>)[TUPLE] === true;
}

/** Tags an array with how Python would print it (`dict_items([...])`, `range(0, 3)`). */
export function makeView<T>(items: T[], repr: string): T[] {
  (items as unknown as Record<symbol, unknown>)[VIEW] = repr;
  return items;
}

/** How Python prints a view array (`dict_items`, `range(...)`), or undefined for plain lists. */
export function viewOf(v: unknown[]): string | undefined {
  return (v as unknown as Record<symbol, string | undefined>)[VIEW] ?? generatorKind(v);
}

/** True for JS plain objects (prototype Object.prototype or null): these behave as Python dicts. */
export function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object') return false;
  const p = Object.getPrototypeOf(v) as unknown;
  return p === Object.prototype || p === null;
}

/** True for values that behave as Python dicts (plain objects and Maps). */
export function isDict(v: unknown): v is Record<string, unknown> | Map<unknown, unknown> {
  return v instanceof Map || isPlainObject(v);
}

/** True when the value is a Python int or float (bool counts, as in Python's numbers.Number). */
export function isNumeric(v: unknown): v is number | PyFloat | boolean {
  return typeof v === 'number' || v instanceof PyFloat || typeof v === 'boolean';
}

/** True for Python floats. */
export function isFloat(v: unknown): boolean {
  return v instanceof PyFloat || (typeof v === 'number' && !Number.isInteger(v));
}

/** True for Python ints (not bools). */
export function isInt(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v);
}

/** The JS number of a numeric value. */
export function num(v: unknown): number {
  if (typeof v === 'number') return v;
  if (v instanceof PyFloat) return v.value;
  if (typeof v === 'boolean') return v ? 1 : 0;
  throw new RawRuntimeError(`expected a number, got ${typeName(v)}`, 'type');
}

/** Python's type name of a value, used in error messages. */
export function typeName(v: unknown): string {
  if (v === null || v === undefined) return 'NoneType';
  if (typeof v === 'string' || v instanceof Markup) return v instanceof Markup ? 'Markup' : 'str';
  if (typeof v === 'boolean') return 'bool';
  if (isFloat(v)) return 'float';
  if (typeof v === 'number') return 'int';
  if (Array.isArray(v)) return isTuple(v) ? 'tuple' : 'list';
  if (isDict(v)) return 'dict';
  if (v instanceof Undefined) return 'Undefined';
  if (typeof v === 'function') return 'function';
  if (v instanceof Namespace) return 'Namespace';
  return (v as object).constructor?.name ?? 'object';
}

/** Jinja's object_type_repr: "dict object", "None", ... */
export function objectTypeRepr(v: unknown): string {
  if (v === null || v === undefined) return 'None';
  return `${typeName(v)} object`;
}

/** Python float repr (shortest round-trip digits, exponent outside 1e-4..1e16). */
export function floatRepr(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const [mant = '', expText = '0'] = x.toExponential().split('e');
  const exp = parseInt(expText, 10);
  if (exp < -4 || exp >= 16) return `${mant}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  const s = String(x);
  return s.includes('.') ? s : s + '.0';
}

function intStr(n: number): string {
  if (Math.abs(n) < 1e21) return String(n);
  return BigInt(n).toString();
}

/** Python repr() of a string. */
export function strRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '\\') out += '\\\\';
    else if (ch === quote) out += '\\' + quote;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (c < 0x20 || c === 0x7f) out += '\\x' + c.toString(16).padStart(2, '0');
    else out += ch;
  }
  return out + quote;
}

/** Python repr() of any value (strings quoted, containers recursive). */
export function repr(v: unknown): string {
  if (typeof v === 'string') return strRepr(v);
  if (v instanceof Markup) return `Markup(${strRepr(v.value)})`;
  if (v instanceof Undefined) return 'Undefined';
  return pyStr(v);
}

function dictEntries(v: Record<string, unknown> | Map<unknown, unknown>): [unknown, unknown][] {
  return v instanceof Map ? [...v.entries()] : Object.entries(v);
}

/** Python str() of a value: what `{{ value }}` renders. */
export function pyStr(v: unknown): string {
  switch (typeof v) {
    case 'string':
      return v;
    case 'number':
      return Number.isInteger(v) ? intStr(v) : floatRepr(v);
    case 'boolean':
      return v ? 'True' : 'False';
    case 'undefined':
      return 'None';
    case 'bigint':
      return v.toString();
    case 'function': {
      const info = (v as unknown as Record<symbol, { name: string } | undefined>)[MACRO];
      if (info) return `<Macro '${info.name}'>`;
      return `<function ${v.name || '<lambda>'}>`;
    }
    default:
      break;
  }
  if (v === null) return 'None';
  if (v instanceof PyFloat) return floatRepr(v.value);
  if (v instanceof Markup) return v.value;
  if (v instanceof Undefined) return '';
  if (Array.isArray(v)) {
    const gen = generatorKind(v);
    if (gen !== undefined) return `<${gen} object>`;
    const view = viewOf(v);
    if (view !== undefined) return view.startsWith('range(') ? view : `${view}([${v.map(repr).join(', ')}])`;
    if (isTuple(v)) return `(${v.map(repr).join(', ')}${v.length === 1 ? ',' : ''})`;
    return `[${v.map(repr).join(', ')}]`;
  }
  // A plain object with its own toString (a relation-like value built in JS) renders through it, like Python's __str__.
  if (isPlainObject(v) && typeof v.toString === 'function' && Object.hasOwn(v, 'toString')) return String(v.toString());
  if (isDict(v)) return `{${dictEntries(v).map(([k, x]) => `${repr(k)}: ${repr(x)}`).join(', ')}}`;
  if (v instanceof Namespace) return `<Namespace {${Object.entries(v.attrs).map(([k, x]) => `${repr(k)}: ${repr(x)}`).join(', ')}}>`;
  if (v instanceof Set) return v.size ? `{${[...v].map(repr).join(', ')}}` : 'set()';
  if (v instanceof Cycler) return '<Cycler>';
  if (v instanceof Joiner) return '<Joiner>';
  if (v instanceof Date) return v.toISOString();
  return String(v);
}

/** Python truthiness. */
export function truthy(v: unknown): boolean {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string') return v.length > 0;
  if (typeof v === 'number') return v !== 0;
  if (v === null || v === undefined) return false;
  if (v instanceof Undefined) return false;
  if (v instanceof PyFloat) return v.value !== 0;
  if (Array.isArray(v)) return v.length > 0 || generatorKind(v) !== undefined;
  if (v instanceof Markup) return v.value.length > 0;
  if (v instanceof Map || v instanceof Set) return v.size > 0;
  if (isPlainObject(v)) {
    for (const _ in v) return true;
    return false;
  }
  return true;
}

/** Python ==. */
export function pyEq(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (isNumeric(a) && isNumeric(b)) return num(a) === num(b);
  if (a instanceof Markup) return pyEq(a.value, b);
  if (b instanceof Markup) return pyEq(a, b.value);
  if ((a === null || a === undefined) && (b === null || b === undefined)) return true;
  if (Array.isArray(a) && Array.isArray(b)) {
    if (generatorKind(a) !== undefined || generatorKind(b) !== undefined) return false;
    if (isTuple(a) !== isTuple(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!pyEq(a[i], b[i])) return false;
    return true;
  }
  if (isDict(a) && isDict(b)) {
    const ea = dictEntries(a);
    const eb = new Map(dictEntries(b));
    if (ea.length !== eb.size) return false;
    for (const [k, v] of ea) if (!eb.has(k) || !pyEq(v, eb.get(k))) return false;
    return true;
  }
  if (a instanceof Undefined && b instanceof Undefined) return true;
  return false;
}

/** Python's <, > etc. as a three-way comparison; throws TypeError-like errors on mismatched types. */
export function pyCompare(a: unknown, b: unknown, op: string): number {
  if (isNumeric(a) && isNumeric(b)) {
    const x = num(a);
    const y = num(b);
    return x < y ? -1 : x > y ? 1 : x === y ? 0 : NaN;
  }
  const sa = a instanceof Markup ? a.value : a;
  const sb = b instanceof Markup ? b.value : b;
  if (typeof sa === 'string' && typeof sb === 'string') return sa < sb ? -1 : sa > sb ? 1 : 0;
  if (Array.isArray(a) && Array.isArray(b) && isTuple(a) === isTuple(b) && !viewOf(a) && !viewOf(b)) {
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      if (!pyEq(a[i], b[i])) return pyCompare(a[i], b[i], op);
    }
    return a.length - b.length;
  }
  throw new RawRuntimeError(`'${op}' not supported between instances of '${typeName(a)}' and '${typeName(b)}'`, 'type');
}

/** Sort comparator with Python ordering. */
export function pySortCmp(a: unknown, b: unknown): number {
  return pyCompare(a, b, '<');
}

/** Python `in`: substring, membership in a sequence, key in a dict. */
export function pyContains(container: unknown, item: unknown): boolean {
  if (typeof container === 'string' || container instanceof Markup) {
    const s = String(container);
    if (typeof item === 'string' || item instanceof Markup) return s.includes(String(item));
    throw new RawRuntimeError(`'in <string>' requires string as left operand, not ${typeName(item)}`, 'type');
  }
  if (Array.isArray(container)) {
    if (generatorKind(container) === undefined) return container.some((x) => pyEq(x, item));
    // Membership advances an iterator up to and including the match.
    const at = container.findIndex((x) => pyEq(x, item));
    container.splice(0, at < 0 ? container.length : at + 1);
    return at >= 0;
  }
  const unhashableList = Array.isArray(item) && !isTuple(item) && generatorKind(item) === undefined && !viewOf(item)?.startsWith('range(');
  if ((container instanceof Map || isPlainObject(container)) && (unhashableList || isDict(item))) {
    throw new RawRuntimeError(`unhashable type: '${typeName(item)}'`, 'type');
  }
  if (container instanceof Map) {
    if (container.has(item)) return true;
    for (const k of container.keys()) if (pyEq(k, item)) return true;
    return false;
  }
  if (isPlainObject(container)) return (typeof item === 'string' || typeof item === 'number') && Object.hasOwn(container, String(item));
  if (container instanceof Set) return container.has(item);
  // Python falls back to iterating the (empty) Undefined.
  if (container instanceof Undefined) return false;
  if (container !== null && typeof container === 'object' && Symbol.iterator in container) {
    for (const x of container as Iterable<unknown>) if (pyEq(x, item)) return true;
    return false;
  }
  throw new RawRuntimeError(`argument of type '${typeName(container)}' is not iterable`, 'type');
}

/** Python iteration: lists, strings (characters), dict keys; Undefined iterates empty. */
export function pyIter(v: unknown): unknown[] {
  if (Array.isArray(v)) {
    if (generatorKind(v) === undefined) return v;
    // An iterator yields its items once.
    const items = v.slice();
    v.length = 0;
    return items;
  }
  if (typeof v === 'string') return [...v];
  if (v instanceof Markup) return [...v.value];
  if (v instanceof Undefined) return [];
  if (v instanceof Map) return [...v.keys()];
  if (isPlainObject(v)) return Object.keys(v);
  if (v !== null && typeof v === 'object' && Symbol.iterator in v) return [...(v as Iterable<unknown>)];
  throw new RawRuntimeError(`'${typeName(v)}' object is not iterable`, 'type');
}

/** Python len(). */
export function pyLen(v: unknown): number {
  if (typeof v === 'string') return [...v].length;
  if (Array.isArray(v)) {
    const gen = generatorKind(v);
    if (gen !== undefined) throw new RawRuntimeError(`object of type '${gen}' has no len()`, 'type');
    return v.length;
  }
  if (v instanceof Markup) return [...v.value].length;
  if (v instanceof Map || v instanceof Set) return v.size;
  if (isPlainObject(v)) return Object.keys(v).length;
  if (v instanceof Undefined) return 0;
  throw new RawRuntimeError(`object of type '${typeName(v)}' has no len()`, 'type');
}

/** Entries of a dict-like value in insertion order. */
export function pyItems(v: Record<string, unknown> | Map<unknown, unknown>): [unknown, unknown][] {
  return dictEntries(v);
}

const INDEX_KEY = /^(0|[1-9]\d*)$/;

/** Builds a Python dict: a plain object when all keys are non-numeric strings (keeps order), else a Map. */
export function makeDict(pairs: [unknown, unknown][]): Record<string, unknown> | Map<unknown, unknown> {
  let plain = true;
  for (const [k] of pairs) {
    if (typeof k !== 'string' || INDEX_KEY.test(k) || k === '__proto__') {
      plain = false;
      break;
    }
  }
  if (plain) {
    const o: Record<string, unknown> = {};
    for (const [k, v] of pairs) o[k as string] = v;
    return o;
  }
  const m = new Map<unknown, unknown>();
  for (const [k, v] of pairs) {
    const key = k instanceof PyFloat ? k.value : k;
    let found = false;
    for (const existing of m.keys()) {
      if (pyEq(existing, key)) {
        m.set(existing, v);
        found = true;
        break;
      }
    }
    if (!found) m.set(key, v);
  }
  return m;
}
