// Does: compiles statement nodes (output, if, for, set, macro, call, filter, with, do, break/continue) into closures.
// Does not: parse, or decide scoping rules beyond Jinja's (new scope per loop iteration, macro call, with/filter/set block).
import { TemplateSyntaxError } from './errors.js';
import { ExprCompiler, renderValue, testValue, type ExprFn } from './compile-expr.js';
import { locateError, undefinedError } from './locate.js';
import { LoopContext } from './loop-context.js';
import { makeMacro, type MacroSpec } from './macro.js';
import type { Expr, Params, Stmt, Target } from './nodes.js';
import { pyIter } from './python-values.js';
import { RawRuntimeError } from './errors.js';
import { BREAK, CALL, CONTINUE, Namespace, Undefined } from './runtime.js';
import { lookup, Scope, type Out, type RenderState } from './scope.js';
import { textFn } from './shared-fns.js';

/** A compiled statement list. */
export type StmtFn = (st: RenderState, sc: Scope, out: Out) => void;

/** Every name loaded anywhere below `node`. */
export function namesIn(node: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(node)) for (const x of node) namesIn(x, out);
  else if (node !== null && typeof node === 'object') {
    const n = node as Record<string, unknown>;
    if (n.kind === 'name' && typeof n.name === 'string') out.add(n.name);
    for (const k in n) if (k !== 'kind' && k !== 'line' && k !== 'column') namesIn(n[k], out);
  }
  return out;
}

function hasKind(node: unknown, kinds: Set<string>): boolean {
  if (Array.isArray(node)) return node.some((x) => hasKind(x, kinds));
  if (node !== null && typeof node === 'object') {
    const n = node as Record<string, unknown>;
    if (typeof n.kind === 'string' && kinds.has(n.kind)) return true;
    for (const k in n) if (k !== 'kind' && hasKind(n[k], kinds)) return true;
  }
  return false;
}

const LOOP_CONTROL = new Set(['break', 'continue']);

/** Compiles statements of one template. */
export class StmtCompiler {
  private loopDepth = 0;
  constructor(readonly ex: ExprCompiler) {}

  /** Compiles a statement list into one function. */
  block(stmts: Stmt[], soft: boolean): StmtFn {
    const fns: StmtFn[] = [];
    let pending = '';
    for (const s of stmts) {
      if (s.kind === 'data') {
        pending += s.text;
        continue;
      }
      if (pending) {
        fns.push(textFn(pending));
        pending = '';
      }
      fns.push(this.stmt(s, soft));
    }
    if (pending) fns.push(textFn(pending));
    if (fns.length === 0) return () => {};
    if (fns.length === 1) return fns[0]!;
    if (fns.length === 2) {
      const [a, b] = fns as [StmtFn, StmtFn];
      return (st, sc, out) => {
        a(st, sc, out);
        b(st, sc, out);
      };
    }
    return (st, sc, out) => {
      for (let i = 0; i < fns.length; i++) fns[i]!(st, sc, out);
    };
  }

  private fail(msg: string, s: { line: number; column: number }): never {
    throw new TemplateSyntaxError(msg, this.ex.name, s.line, s.column);
  }

  private stmt(s: Stmt, soft: boolean): StmtFn {
    const ex = this.ex;
    switch (s.kind) {
      case 'data':
        return textFn(s.text);
      case 'output': {
        const v = ex.expr(s.expr, soft);
        const tpl = ex.name;
        const { line, column } = s;
        return (st, sc, out) => {
          try {
            out.s += renderValue(st, v(st, sc));
          } catch (err) {
            throw locateError(err, tpl, line, column);
          }
        };
      }
      case 'if': {
        const test = ex.located(s, ex.expr(s.test, true));
        const body = this.block(s.body, true);
        const orelse = s.orelse.length ? this.block(s.orelse, true) : null;
        return (st, sc, out) => {
          if (testValue(st, test(st, sc))) body(st, sc, out);
          else if (orelse) orelse(st, sc, out);
        };
      }
      case 'for':
        return this.forLoop(s, soft);
      case 'set': {
        const v = ex.expr(s.expr, soft);
        const bind = this.binder(s.target);
        return ex.located3(s, (st: RenderState, sc: Scope, _out: Out) => bind(st, sc, v(st, sc)));
      }
      case 'setblock': {
        const body = this.block(s.body, false);
        const chain = s.filter ? ex.chain(s.filter, false) : null;
        const bind = this.binder(s.target);
        return ex.located3(s, (st: RenderState, sc: Scope, _out: Out) => {
          const o: Out = { s: '' };
          body(st, new Scope(sc), o);
          bind(st, sc, chain ? chain(st, sc, o.s) : o.s);
        });
      }
      case 'macro': {
        const spec = this.macroSpec(s.name, s.params, s.body);
        const name = s.name;
        return (st, sc) => {
          sc.vars.set(name, makeMacro(spec, st, sc));
        };
      }
      case 'callblock': {
        const spec = this.macroSpec('caller', s.params, s.body);
        const callerFn: ExprFn = (st, sc) => makeMacro(spec, st, sc);
        const call = ex.call(s.call as Extract<Expr, { kind: 'call' }>, soft, ['caller', callerFn]);
        return (st, sc, out) => {
          out.s += renderValue(st, call(st, sc));
        };
      }
      case 'filterblock': {
        const body = this.block(s.body, false);
        const chain = ex.chain(s.filter, false);
        return (st, sc, out) => {
          const o: Out = { s: '' };
          body(st, new Scope(sc), o);
          out.s += renderValue(st, chain(st, sc, o.s));
        };
      }
      case 'with': {
        const values = s.values.map((v) => ex.expr(v, false));
        const binds = s.targets.map((t) => this.binder(t));
        const body = this.block(s.body, false);
        return (st, sc, out) => {
          const vals = values.map((f) => f(st, sc));
          const inner = new Scope(sc);
          binds.forEach((b, i) => b(st, inner, vals[i]));
          body(st, inner, out);
        };
      }
      case 'do': {
        const v = ex.expr(s.expr, soft);
        return (st, sc) => {
          v(st, sc);
        };
      }
      case 'break':
        if (!this.loopDepth) this.fail("'break' outside of loop", s);
        return () => {
          throw BREAK;
        };
      case 'continue':
        if (!this.loopDepth) this.fail("'continue' outside of loop", s);
        return () => {
          throw CONTINUE;
        };
    }
  }

  private macroSpec(name: string, params: Params, bodyNodes: Stmt[]): MacroSpec {
    const saved = this.loopDepth;
    this.loopDepth = 0;
    const body = this.block(bodyNodes, false);
    this.loopDepth = saved;
    const used = namesIn(bodyNodes);
    return {
      name,
      params: params.names,
      defaults: params.defaults.map((d) => (d ? this.ex.expr(d, false) : null)),
      body,
      catchKwargs: used.has('kwargs'),
      catchVarargs: used.has('varargs'),
      caller: used.has('caller'),
    };
  }

  /** Compiles an assignment target into a function binding a value in a scope. */
  binder(t: Target): (st: RenderState, sc: Scope, v: unknown) => void {
    if (t.kind === 'name') {
      const n = t.name;
      return (_st, sc, v) => {
        sc.vars.set(n, v === undefined ? null : v);
      };
    }
    if (t.kind === 'nsref') {
      const { name, attr } = t;
      return (st, sc, v) => {
        const ns = lookup(st, sc, name);
        if (!(ns instanceof Namespace)) throw new RawRuntimeError('cannot assign attribute on non-namespace object', 'runtime');
        ns.attrs[attr] = v;
      };
    }
    const subs = t.items.map((x) => this.binder(x));
    const n = subs.length;
    return (st, sc, v) => {
      const items = pyIter(v);
      if (items.length < n) throw new RawRuntimeError(`not enough values to unpack (expected ${n}, got ${items.length})`, 'value');
      if (items.length > n) throw new RawRuntimeError(`too many values to unpack (expected ${n})`, 'value');
      for (let i = 0; i < n; i++) subs[i]!(st, sc, items[i]);
    };
  }

  private forLoop(s: Extract<Stmt, { kind: 'for' }>, soft: boolean): StmtFn {
    const ex = this.ex;
    const iter = ex.expr(s.iter, soft);
    const bind = this.binder(s.target);
    const filter = s.filter ? ex.expr(s.filter, false) : null;
    this.loopDepth++;
    const body = this.block(s.body, false);
    this.loopDepth--;
    const orelse = s.orelse.length ? this.block(s.orelse, false) : null;
    const usesLoop = namesIn(s.body).has('loop');
    const controls = hasKind(s.body, LOOP_CONTROL);
    const name = ex.name;
    const { line, column } = s;
    const recursive = s.recursive;
    const items = (st: RenderState, sc: Scope, v: unknown): unknown[] => {
      try {
        if (v instanceof Undefined && st.env.strict) throw undefinedError(v);
        let list = pyIter(v);
        if (filter) {
          list = list.filter((item) => {
            const f = new Scope(sc);
            bind(st, f, item);
            return testValue(st, filter(st, f));
          });
        }
        return list;
      } catch (e) {
        throw locateError(e, name, line, column);
      }
    };
    const run = (st: RenderState, sc: Scope, out: Out, iterable: unknown, depth: number): void => {
      const list = items(st, sc, iterable);
      if (!list.length) {
        if (orelse) orelse(st, new Scope(sc), out);
        return;
      }
      const loop = usesLoop ? new LoopContext(list, depth) : null;
      if (loop && recursive) {
        loop[CALL] = (args) => {
          const o: Out = { s: '' };
          run(st, sc, o, args[0], depth + 1);
          return o.s;
        };
      }
      for (let i = 0; i < list.length; i++) {
        const inner = new Scope(sc);
        if (loop) {
          loop.index0 = i;
          inner.vars.set('loop', loop);
        }
        try {
          bind(st, inner, list[i]);
        } catch (e) {
          throw locateError(e, name, line, column);
        }
        if (!controls) body(st, inner, out);
        else {
          try {
            body(st, inner, out);
          } catch (e) {
            if (e === BREAK) break;
            if (e === CONTINUE) continue;
            throw e;
          }
        }
      }
    };
    return (st, sc, out) => {
      let v: unknown;
      try {
        v = iter(st, sc);
      } catch (e) {
        throw locateError(e, name, line, column);
      }
      run(st, sc, out, v, 0);
    };
  }
}
