// Does: builds macro values: JS-callable functions carrying Jinja's argument binding (defaults, varargs, kwargs, caller).
// Does not: compile macro bodies (compile-stmt.ts passes them in).
import type { MacroInfo } from './attributes.js';
import { RawRuntimeError } from './errors.js';
import { Kwargs, MacroReturn, Undefined } from './runtime.js';
import { MACRO_INFO, makeTuple } from './python-values.js';
import { Scope, type Out, type RenderState } from './scope.js';

/** Compiled parts of a macro definition. */
export interface MacroSpec {
  name: string;
  params: string[];
  defaults: (((st: RenderState, sc: Scope) => unknown) | null)[];
  body: (st: RenderState, sc: Scope, out: Out) => void;
  catchKwargs: boolean;
  catchVarargs: boolean;
  caller: boolean;
}

/** A macro function closed over the scope it was defined in; JS callers pass a trailing Kwargs for keywords. */
export function makeMacro(spec: MacroSpec, st: RenderState, closure: Scope): (...args: unknown[]) => unknown {
  const { name, params, defaults, body } = spec;
  const info: MacroInfo = {
    name,
    arguments: params,
    catchKwargs: spec.catchKwargs,
    catchVarargs: spec.catchVarargs,
    caller: spec.caller,
    invoke(args, kwargs) {
      const sc = new Scope(closure);
      const vars = sc.vars;
      let kw = kwargs;
      let copied = false;
      const n = params.length;
      for (let i = 0; i < n; i++) {
        const p = params[i]!;
        let v: unknown;
        // A JS caller's `undefined` counts as "not passed", so the default applies.
        if (i < args.length && args[i] !== undefined) v = args[i];
        else if (Object.hasOwn(kw, p)) {
          if (!copied) {
            kw = { ...kw };
            copied = true;
          }
          v = kw[p];
          delete kw[p];
        } else {
          const d = defaults[i];
          v = d ? d(st, sc) : new Undefined(p, undefined, false, `parameter '${p}' was not provided`);
        }
        vars.set(p, v === undefined ? null : v);
      }
      if (spec.caller) {
        let c: unknown = new Undefined('caller', undefined, false, 'No caller defined');
        if (Object.hasOwn(kw, 'caller')) {
          if (!copied) {
            kw = { ...kw };
            copied = true;
          }
          c = kw.caller;
          delete kw.caller;
        }
        vars.set('caller', c);
      }
      if (spec.catchKwargs) vars.set('kwargs', { ...kw });
      else {
        const extra = Object.keys(kw)[0];
        if (extra !== undefined) {
          if (extra === 'caller') throw new RawRuntimeError(`macro '${name}' was invoked with two values for the special caller argument. This is most likely a bug.`, 'type');
          throw new RawRuntimeError(`macro '${name}' takes no keyword argument '${extra}'`, 'type');
        }
      }
      if (spec.catchVarargs) vars.set('varargs', makeTuple(args.slice(n)));
      else if (args.length > n) throw new RawRuntimeError(`macro '${name}' takes not more than ${n} argument(s)`, 'type');
      const out: Out = { s: '' };
      try {
        body(st, sc, out);
      } catch (e) {
        if (e instanceof MacroReturn) return e.value;
        throw e;
      }
      return out.s;
    },
  };
  const fn = (...args: unknown[]): unknown => {
    const last = args[args.length - 1];
    if (last instanceof Kwargs) {
      const kw: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(last.values)) if (v !== undefined) kw[k] = v;
      return info.invoke(args.slice(0, -1), kw);
    }
    return info.invoke(args, {});
  };
  Object.defineProperty(fn, 'name', { value: name });
  (fn as unknown as Record<symbol, MacroInfo>)[MACRO_INFO] = info;
  return fn;
}
