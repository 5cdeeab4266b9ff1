// Does: Jinja's attribute and item lookup (`x.y`, `x[y]`, slices) and calling of values (macros, Python methods, JS functions).
// Does not: know about scopes or templates.
import { RawRuntimeError } from './errors.js';
import { DICT_METHODS, formatFieldHook, methodsFor, type PyMethod } from './python-methods.js';
import { CALL, Kwargs, LenientUndefined, Markup, Namespace, Undefined } from './runtime.js';
import { generatorKind, isPlainObject, isTuple, makeTuple, MACRO_INFO, num, objectTypeRepr, PyFloat, typeName, isNumeric } from './python-values.js';

/** What the compiler attaches to a macro function under MACRO_INFO. */
export interface MacroInfo {
  name: string;
  arguments: string[];
  catchKwargs: boolean;
  catchVarargs: boolean;
  caller: boolean;
  /** Calls the macro with already separated positional and keyword arguments. */
  invoke(args: unknown[], kwargs: Record<string, unknown>): unknown;
}

const BOUND = Symbol('jinja.bound');
const BOUND_PY = Symbol('jinja.boundPy');

/** The macro metadata of a value, when it is a macro. */
export function macroInfo(v: unknown): MacroInfo | undefined {
  return typeof v === 'function' ? (v as unknown as Record<symbol, MacroInfo | undefined>)[MACRO_INFO] : undefined;
}

function bindMethod(self: unknown, name: string, m: PyMethod): (...a: unknown[]) => unknown {
  const f = (...a: unknown[]): unknown => {
    const last = a[a.length - 1];
    if (last instanceof Kwargs) return m(self, a.slice(0, -1), last.values);
    return m(self, a, {});
  };
  Object.defineProperty(f, 'name', { value: name });
  (f as unknown as Record<symbol, unknown>)[BOUND_PY] = [self, m];
  return f;
}

/** MarkupSafe's str methods return Markup: wrap string results (and lists of strings) of a Markup receiver. */
function markupResult(v: unknown): unknown {
  if (typeof v === 'string') return new Markup(v);
  if (Array.isArray(v)) {
    const out = v.map((x) => (typeof x === 'string' ? new Markup(x) : x));
    return isTuple(v) ? makeTuple(out) : out;
  }
  return v;
}

function markupMethod(m: PyMethod): PyMethod {
  return (self: Markup, a, k) => markupResult(m(self.value, a, k));
}

/** Wraps a native implementation receiving (positional, keyword) arguments as a callable JS function. */
export function makePyFunction(name: string, impl: (args: unknown[], kw: Record<string, unknown>) => unknown): (...a: unknown[]) => unknown {
  return bindMethod(null, name, (_self, a, k) => impl(a, k));
}

/** Throws the UndefinedError an operation on `v` must raise (never reached for LenientUndefined, see callers). */
export function failUndefined(v: Undefined): never {
  throw new RawRuntimeError(v.message(objectTypeRepr), 'undefined');
}

function macroAttr(info: MacroInfo, name: string): unknown {
  switch (name) {
    case 'name': return info.name;
    case 'arguments': return makeTuple([...info.arguments]);
    case 'catch_kwargs': return info.catchKwargs;
    case 'catch_varargs': return info.catchVarargs;
    case 'caller': return info.caller;
    default: return undefined;
  }
}

/** `obj.name` with Jinja semantics: Python attribute first, then item; missing gives Undefined. */
export function getAttr(obj: unknown, name: string): unknown {
  if (obj instanceof Undefined) {
    if (obj instanceof LenientUndefined) return obj;
    failUndefined(obj);
  }
  if (obj === null || obj === undefined) return new Undefined(name, obj, true);
  const methods = methodsFor(obj);
  if (methods) {
    if (methods === DICT_METHODS) {
      if (obj instanceof Map) {
        const m = methods[name];
        if (m) return bindMethod(obj, name, m);
        return obj.has(name) ? obj.get(name) : new Undefined(name, obj, true);
      }
      const d = obj as Record<string, unknown>;
      const own = Object.hasOwn(d, name) ? d[name] : undefined;
      if (typeof own === 'function') return own;
      const m = methods[name];
      if (m) return bindMethod(obj, name, m);
      return own !== undefined ? own : new Undefined(name, obj, true);
    }
    const m = methods[name];
    if (m) return obj instanceof Markup ? bindMethod(obj, name, markupMethod(m)) : bindMethod(obj, name, m);
    // groupby results answer `.grouper` and `.list` like Python's namedtuple.
    if (Array.isArray(obj) && Object.hasOwn(obj, name) && !/^\d+$/.test(name)) return (obj as unknown as Record<string, unknown>)[name];
    return new Undefined(name, obj, true);
  }
  if (obj instanceof Namespace) return Object.hasOwn(obj.attrs, name) ? obj.attrs[name] : new Undefined(name, obj, true);
  if (typeof obj === 'function') {
    const info = macroInfo(obj);
    if (info) {
      const v = macroAttr(info, name);
      return v === undefined ? new Undefined(name, obj, true) : v;
    }
  }
  if (typeof obj !== 'object' && typeof obj !== 'function') return new Undefined(name, obj, true);
  if (isUnsafeName(obj, name)) return new Undefined(name, obj, true);
  const o = obj as Record<string, unknown>;
  const v = o[name];
  if (v === undefined) return new Undefined(name, obj, true);
  if (typeof v === 'function' && !macroInfo(v)) return bindJs(v as (...a: unknown[]) => unknown, obj);
  return v;
}

/**
 * Like Jinja's sandbox, templates cannot reach private or internal members of JS objects: names starting with `_`,
 * `constructor`/`prototype`, and members inherited from Object.prototype or Function.prototype (call, bind...).
 */
function isUnsafeName(obj: object, name: string): boolean {
  if (name.startsWith('_') || name === 'constructor' || name === 'prototype') return true;
  if (name in Object.prototype && !Object.hasOwn(obj, name)) return true;
  return typeof obj === 'function' && name in Function.prototype && !Object.hasOwn(obj, name);
}

function bindJs(fn: (...a: unknown[]) => unknown, self: unknown): unknown {
  const f = function (this: unknown, ...a: unknown[]): unknown {
    return fn.apply(self, a);
  };
  Object.defineProperty(f, 'name', { value: fn.name });
  (f as unknown as Record<symbol, unknown>)[BOUND] = [self, fn];
  return f;
}

function normIndex(i: number, n: number): number {
  return i < 0 ? i + n : i;
}

/** `obj[key]` with Jinja semantics: item first, then attribute; missing gives Undefined. */
export function getItem(obj: unknown, key: unknown): unknown {
  if (obj instanceof Undefined) {
    if (obj instanceof LenientUndefined) return obj;
    failUndefined(obj);
  }
  if (Array.isArray(obj)) {
    if (generatorKind(obj) !== undefined) return new Undefined(typeof key === 'string' || typeof key === 'number' ? key : String(key), obj, true);
    if (isNumeric(key)) {
      if (key instanceof PyFloat || (typeof key === 'number' && !Number.isInteger(key))) return new Undefined(num(key), obj, true);
      const i = normIndex(num(key), obj.length);
      return i >= 0 && i < obj.length ? obj[i] : new Undefined(num(key), obj, true);
    }
  } else if (typeof obj === 'string' || obj instanceof Markup) {
    if (isNumeric(key) && !(key instanceof PyFloat)) {
      const cs = [...String(obj)];
      const i = normIndex(num(key), cs.length);
      return i >= 0 && i < cs.length ? cs[i] : new Undefined(num(key), obj, true);
    }
  } else if (obj instanceof Map) {
    if (obj.has(key)) return obj.get(key);
    if (typeof key === 'number' && obj.has(String(key))) return obj.get(String(key));
  } else if (isPlainObject(obj)) {
    const k = typeof key === 'string' ? key : typeof key === 'number' ? String(key) : typeof key === 'boolean' ? (key ? 'True' : 'False') : null;
    if (k !== null && Object.hasOwn(obj, k)) {
      const v = obj[k];
      return v === undefined ? null : v;
    }
  } else if (obj instanceof Namespace) {
    if (typeof key === 'string' && Object.hasOwn(obj.attrs, key)) return obj.attrs[key];
  } else if (obj !== null && obj !== undefined && (typeof obj === 'object' || typeof obj === 'function') && (typeof key === 'number' || (typeof key === 'string' && !isUnsafeName(obj, key)))) {
    const v = (obj as Record<string, unknown>)[key];
    if (v !== undefined) return typeof v === 'function' && !macroInfo(v) ? bindJs(v as (...a: unknown[]) => unknown, obj) : v;
  }
  if (typeof key === 'string') {
    const v = getAttr(obj, key);
    if (!(v instanceof Undefined)) return v;
  }
  return new Undefined(typeof key === 'string' || typeof key === 'number' ? key : String(key), obj, true);
}

function sliceIndices(n: number, start: unknown, stop: unknown, step: unknown): [number, number, number] {
  const st = step === null || step === undefined ? 1 : num(step);
  if (st === 0) throw new RawRuntimeError('slice step cannot be zero', 'value');
  const clamp = (v: unknown, dflt: number, lo: number, hi: number): number => {
    if (v === null || v === undefined) return dflt;
    let x = num(v);
    if (x < 0) x += n;
    return Math.max(lo, Math.min(hi, x));
  };
  if (st > 0) return [clamp(start, 0, 0, n), clamp(stop, n, 0, n), st];
  return [clamp(start, n - 1, -1, n - 1), clamp(stop, -1, -1, n - 1), st];
}

/** `obj[start:stop:step]` for lists, tuples and strings. */
export function getSlice(obj: unknown, start: unknown, stop: unknown, step: unknown): unknown {
  if (obj instanceof Undefined) failUndefined(obj);
  const isStr = typeof obj === 'string' || obj instanceof Markup;
  if (!isStr && !Array.isArray(obj)) throw new RawRuntimeError(`'${typeName(obj)}' object is not subscriptable`, 'type');
  const items: unknown[] = isStr ? [...String(obj)] : (obj as unknown[]);
  const [a, b, st] = sliceIndices(items.length, start, stop, step);
  const out: unknown[] = [];
  if (st > 0) for (let i = a; i < b; i += st) out.push(items[i]);
  else for (let i = a; i > b; i += st) out.push(items[i]);
  if (isStr) return out.join('');
  return isTuple(obj) ? makeTuple(out) : out;
}

function jsArg(v: unknown): unknown {
  return v instanceof PyFloat ? v.value : v;
}

/** Calls `fn` with Jinja semantics: macros get keyword arguments natively, JS functions get a trailing Kwargs. */
export function callValue(fn: unknown, self: unknown, args: unknown[], kwargs: Record<string, unknown> | null): unknown {
  if (typeof fn === 'function') {
    const info = (fn as unknown as Record<symbol, MacroInfo | undefined>)[MACRO_INFO];
    if (info) return info.invoke(args, kwargs ?? {});
    const bound = (fn as unknown as Record<symbol, [unknown, PyMethod] | undefined>)[BOUND_PY];
    if (bound) return bound[1](bound[0], args, kwargs ?? {});
    const jsArgs = args.map(jsArg);
    if (kwargs) {
      let any = false;
      for (const k in kwargs) {
        any = true;
        const v = kwargs[k];
        if (v instanceof PyFloat) kwargs[k] = v.value;
      }
      if (any) jsArgs.push(new Kwargs(kwargs));
    }
    const r = (fn as (...a: unknown[]) => unknown).apply(self, jsArgs);
    return r === undefined ? null : r;
  }
  if (fn instanceof Undefined) {
    if (fn instanceof LenientUndefined) return fn;
    failUndefined(fn);
  }
  const call = fn !== null && typeof fn === 'object' ? (fn as { [CALL]?: (a: unknown[], k: Record<string, unknown>) => unknown })[CALL] : undefined;
  if (call) return call(args, kwargs ?? {});
  throw new RawRuntimeError(`'${typeName(fn)}' object is not callable`, 'type');
}

/** `obj.name(...)` without materializing a bound method for Python methods. */
export function callMethod(obj: unknown, name: string, args: unknown[], kwargs: Record<string, unknown> | null): unknown {
  const methods = methodsFor(obj);
  if (methods) {
    const m = methods[name];
    if (m && !(methods === DICT_METHODS && !(obj instanceof Map) && typeof (obj as Record<string, unknown>)[name] === 'function' && Object.hasOwn(obj as object, name))) {
      return obj instanceof Markup ? markupResult(m(obj.value, args, kwargs ?? {})) : m(obj, args, kwargs ?? {});
    }
  } else if (obj !== null && typeof obj === 'object' && !(obj instanceof Namespace) && !(obj instanceof Undefined) && !isUnsafeName(obj, name)) {
    const v = (obj as Record<string, unknown>)[name];
    if (typeof v === 'function') return callValue(v, obj, args, kwargs);
  }
  return callValue(getAttr(obj, name), obj, args, kwargs);
}

formatFieldHook.get = (obj, key, isAttr) => {
  const v = isAttr ? getAttr(obj, String(key)) : getItem(obj, key);
  if (v instanceof Undefined) throw new RawRuntimeError(isAttr ? `'${typeName(obj)}' object has no attribute '${String(key)}'` : String(key), isAttr ? 'type' : 'key');
  return v;
};
