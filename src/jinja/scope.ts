// Does: variable scopes and the per-render state that name lookup walks (locals, then context, then globals).
// Does not: compile or evaluate nodes.
import type { Registry } from './registry.js';
import { LenientUndefined, Undefined } from './runtime.js';

/** One level of local variables (template top level, loop iteration, macro call, with-block...). */
export class Scope {
  /** The variables, or null while none was set (most scopes of a render never get one). */
  own: Map<string, unknown> | null = null;
  constructor(readonly parent: Scope | null) {}

  /** The variables of this level, for setting or listing. */
  get vars(): Map<string, unknown> {
    return (this.own ??= new Map());
  }
}

/** Environment data a render needs. */
export interface EnvData {
  registry: Registry;
  globals: Record<string, unknown>;
  strict: boolean;
  /** Undefined names are chainable and callable (for a first pass that only collects calls). */
  lenient: boolean;
  /** Custom tags that define macros (see EnvironmentOptions.macroTags). */
  macroTags: Record<string, string>;
}

/** Per-render state: the template name, the caller's context object and the environment. */
export interface RenderState {
  name: string;
  ctx: object;
  env: EnvData;
}

/** Output buffer of a template body. */
export interface Out {
  s: string;
}

/** The object a name was found on by the last `lookupCallee` (the context), so context methods keep `this`. */
export let calleeOwner: unknown = undefined;

/** Like `lookup`, also recording in `calleeOwner` whether the value came from the context object. */
export function lookupCallee(st: RenderState, sc: Scope, name: string): unknown {
  for (let s: Scope | null = sc; s !== null; s = s.parent) {
    const v = s.own === null ? undefined : s.own.get(name);
    if (v !== undefined) {
      calleeOwner = undefined;
      return v;
    }
  }
  const c = st.ctx as Record<string, unknown>;
  if (name in c && (!(name in Object.prototype) || Object.hasOwn(c, name))) {
    const v = c[name];
    if (v !== undefined) {
      calleeOwner = c;
      return v;
    }
  }
  calleeOwner = undefined;
  const g = st.env.globals;
  if (Object.hasOwn(g, name)) return g[name];
  return st.env.lenient ? new LenientUndefined(name) : new Undefined(name);
}

/** Resolves a free name: innermost scope outwards, then the context, then the globals; else Undefined. */
export function lookup(st: RenderState, sc: Scope, name: string): unknown {
  for (let s: Scope | null = sc; s !== null; s = s.parent) {
    const v = s.own === null ? undefined : s.own.get(name);
    if (v !== undefined) return v;
  }
  const c = st.ctx as Record<string, unknown>;
  // `in` so Proxy contexts with a `has` trap work; names inherited from Object.prototype do not count.
  if (name in c && (!(name in Object.prototype) || Object.hasOwn(c, name))) {
    const v = c[name];
    if (v !== undefined) return v;
  }
  const g = st.env.globals;
  if (Object.hasOwn(g, name)) return g[name];
  return st.env.lenient ? new LenientUndefined(name) : new Undefined(name);
}
