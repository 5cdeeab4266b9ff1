// Does: compiles expression nodes into closures `(state, scope) => value` with Python/Jinja semantics.
// Does not: compile statements (compile-stmt.ts).
import { callMethod, callValue, failUndefined, getAttr, getItem, getSlice } from './attributes.js';
import { RawRuntimeError, TemplateSyntaxError } from './errors.js';
import { locateError, undefinedError } from './locate.js';
import type { CallArgs, Expr } from './nodes.js';
import { isDict, makeDict, makeFloat, makeTuple, pyCompare, pyContains, pyEq, pyItems, pyIter, pyStr, truthy } from './python-values.js';
import { pyArith, pyNeg } from './python-arith.js';
import type { Registry } from './registry.js';
import { calleeOwner, lookup, lookupCallee, type RenderState, type Scope } from './scope.js';
import { LenientUndefined, Undefined } from './runtime.js';
import { constFn, nameFn } from './shared-fns.js';

/** A compiled expression. */
export type ExprFn = (st: RenderState, sc: Scope) => unknown;
/** A compiled filter chain applied to an input value (filter blocks, `{% set x | f %}`). */
export type ChainFn = (st: RenderState, sc: Scope, input: unknown) => unknown;
type ArgsFn = (st: RenderState, sc: Scope) => { a: unknown[]; k: Record<string, unknown> | null };

/** Renders a value as `{{ }}` does; strict mode refuses Undefined. */
export function renderValue(st: RenderState, v: unknown): string {
  if (typeof v === 'string') return v;
  if (v instanceof Undefined && st.env.strict) throw undefinedError(v);
  return pyStr(v);
}

/** Truthiness as `if` sees it; strict mode refuses Undefined. */
export function testValue(st: RenderState, v: unknown): boolean {
  if (v instanceof Undefined && st.env.strict) throw undefinedError(v);
  return truthy(v);
}

function compareOp(op: string, a: unknown, b: unknown): boolean {
  switch (op) {
    case '==': return pyEq(a, b);
    case '!=': return !pyEq(a, b);
    case '<': return pyCompare(a, b, op) < 0;
    case '<=': return pyCompare(a, b, op) <= 0;
    case '>': return pyCompare(a, b, op) > 0;
    case '>=': return pyCompare(a, b, op) >= 0;
    case 'in': return pyContains(b, a);
    default: return !pyContains(b, a);
  }
}

/** Compiles expressions of one template against one registry of filters and tests. */
export class ExprCompiler {
  constructor(
    readonly registry: Registry,
    readonly name: string,
  ) {}

  /** Wraps an expression so errors it raises carry this node's position. */
  located(e: { line: number; column: number }, fn: ExprFn): ExprFn {
    const name = this.name;
    const { line, column } = e;
    return (st, sc) => {
      try {
        return fn(st, sc);
      } catch (err) {
        throw locateError(err, name, line, column);
      }
    };
  }

  /** Like `located` for three-argument closures (statements, filter chains). */
  located3<A, R>(e: { line: number; column: number }, fn: (st: RenderState, sc: Scope, x: A) => R): (st: RenderState, sc: Scope, x: A) => R {
    const name = this.name;
    const { line, column } = e;
    return (st, sc, x) => {
      try {
        return fn(st, sc, x);
      } catch (err) {
        throw locateError(err, name, line, column);
      }
    };
  }

  // Lists are compiled by these loops, not by `.map(x => this.expr(x, soft))`: an arrow capturing `soft` would make
  // every expr() call allocate a context that each closure it returns keeps alive (templates are kept compiled).
  private exprs(list: readonly Expr[], soft: boolean): ExprFn[] {
    const out: ExprFn[] = new Array(list.length);
    for (let i = 0; i < list.length; i++) out[i] = this.expr(list[i]!, soft);
    return out;
  }

  private pairs<K>(list: ReadonlyArray<readonly [K, Expr]>, soft: boolean): Array<readonly [K, ExprFn]> {
    const out: Array<readonly [K, ExprFn]> = new Array(list.length);
    for (let i = 0; i < list.length; i++) out[i] = [list[i]![0], this.expr(list[i]![1], soft)] as const;
    return out;
  }

  /** Compiles one expression; `soft` marks if-conditions where unknown filters fail only when reached. */
  expr(e: Expr, soft = false): ExprFn {
    switch (e.kind) {
      case 'const': {
        const raw = e.value;
        if (raw !== null && typeof raw === 'object' && 'float' in raw) {
          const f = makeFloat((raw as { float: number }).float);
          return () => f;
        }
        return constFn(raw);
      }
      case 'name': {
        return nameFn(e.name);
      }
      case 'list': {
        const items = this.exprs(e.items, soft);
        return (st, sc) => items.map((f) => f(st, sc));
      }
      case 'tuple': {
        const items = this.exprs(e.items, soft);
        return (st, sc) => makeTuple(items.map((f) => f(st, sc)));
      }
      case 'dict': {
        const pairs: Array<readonly [ExprFn, ExprFn]> = new Array(e.pairs.length);
        for (let i = 0; i < e.pairs.length; i++) pairs[i] = [this.expr(e.pairs[i]![0], soft), this.expr(e.pairs[i]![1], soft)] as const;
        return this.located(e, (st: RenderState, sc: Scope) => makeDict(pairs.map(([k, v]) => [k(st, sc), v(st, sc)])));
      }
      case 'getattr': {
        const obj = this.expr(e.obj, soft);
        const attr = e.attr;
        const tpl = this.name;
        const { line, column } = e;
        return (st, sc) => {
          try {
            return getAttr(obj(st, sc), attr);
          } catch (err) {
            throw locateError(err, tpl, line, column);
          }
        };
      }
      case 'getitem': {
        const obj = this.expr(e.obj, soft);
        if (e.index.kind === 'slice') {
          const s = e.index;
          const a = s.start ? this.expr(s.start, soft) : null;
          const b = s.stop ? this.expr(s.stop, soft) : null;
          const c = s.step ? this.expr(s.step, soft) : null;
          return this.located(e, (st: RenderState, sc: Scope) => getSlice(obj(st, sc), a?.(st, sc) ?? null, b?.(st, sc) ?? null, c?.(st, sc) ?? null));
        }
        const idx = this.expr(e.index, soft);
        return this.located(e, (st: RenderState, sc: Scope) => getItem(obj(st, sc), idx(st, sc)));
      }
      case 'slice':
        throw new TemplateSyntaxError('slice outside of subscript', this.name, e.line, e.column);
      case 'call':
        return this.call(e, soft, null);
      case 'filter': {
        const chain = this.chain(e, soft);
        return (st, sc) => chain(st, sc, undefined);
      }
      case 'test':
        return this.test(e, soft);
      case 'cond': {
        const test = this.expr(e.test, true);
        const yes = this.expr(e.yes, true);
        const no = e.no ? this.expr(e.no, true) : null;
        const line = e.line;
        return (st, sc) =>
          testValue(st, test(st, sc)) ? yes(st, sc) : no ? no(st, sc) : new Undefined(undefined, undefined, false, `the inline if-expression on line ${line} evaluated to false and no else section was defined.`);
      }
      case 'binop':
        return this.binop(e.op, this.expr(e.left, soft), this.expr(e.right, soft), e);
      case 'unary': {
        const v = this.expr(e.node, soft);
        if (e.op === 'not') return (st, sc) => !testValue(st, v(st, sc));
        const op = e.op;
        return this.located(e, (st: RenderState, sc: Scope) => pyNeg(v(st, sc), op));
      }
      case 'compare': {
        const first = this.expr(e.first, soft);
        const ops = this.pairs(e.ops, soft);
        if (ops.length === 1) {
          const [op, right] = ops[0]!;
          return this.located(e, (st: RenderState, sc: Scope) => compareOp(op, first(st, sc), right(st, sc)));
        }
        return this.located(e, (st: RenderState, sc: Scope) => {
          let left = first(st, sc);
          for (const [op, f] of ops) {
            const right = f(st, sc);
            if (!compareOp(op, left, right)) return false;
            left = right;
          }
          return true;
        });
      }
    }
  }

  private binop(op: string, l: ExprFn, r: ExprFn, pos: { line: number; column: number }): ExprFn {
    switch (op) {
      case 'and':
        return (st, sc) => {
          const a = l(st, sc);
          return testValue(st, a) ? r(st, sc) : a;
        };
      case 'or':
        return (st, sc) => {
          const a = l(st, sc);
          return testValue(st, a) ? a : r(st, sc);
        };
      case '~':
        return this.located(pos, (st: RenderState, sc: Scope) => renderValue(st, l(st, sc)) + renderValue(st, r(st, sc)));
      case '+':
        return this.located(pos, (st: RenderState, sc: Scope) => {
          const a = l(st, sc);
          const b = r(st, sc);
          if (typeof a === 'string' && typeof b === 'string') return a + b;
          if (typeof a === 'number' && typeof b === 'number' && Number.isInteger(a) && Number.isInteger(b)) return a + b;
          return pyArith('+', a, b);
        });
      default:
        return this.located(pos, (st: RenderState, sc: Scope) => pyArith(op, l(st, sc), r(st, sc)));
    }
  }

  /** Compiles call arguments, appending `extra` keyword arguments (the `caller` of a call block). */
  args(c: CallArgs, soft: boolean, extra: [string, ExprFn] | null): ArgsFn {
    const pos = this.exprs(c.args, soft);
    const kws = this.pairs(c.kwargs, soft);
    const dynA = c.dynArgs ? this.expr(c.dynArgs, soft) : null;
    const dynK = c.dynKwargs ? this.expr(c.dynKwargs, soft) : null;
    if (!kws.length && !dynA && !dynK && !extra) {
      if (pos.length === 0) return () => ({ a: [], k: null });
      return (st, sc) => ({ a: pos.map((f) => f(st, sc)), k: null });
    }
    return (st, sc) => {
      const a = pos.map((f) => f(st, sc));
      if (dynA) a.push(...pyIter(dynA(st, sc)));
      const k: Record<string, unknown> = {};
      for (const [name, f] of kws) k[name] = f(st, sc);
      if (dynK) {
        const d = dynK(st, sc);
        if (!isDict(d)) throw new RawRuntimeError('argument after ** must be a mapping', 'type');
        for (const [name, v] of pyItems(d)) k[pyStr(name)] = v;
      }
      if (extra) k[extra[0]] = extra[1](st, sc);
      return { a, k };
    };
  }

  /** Compiles a call; `extra` adds a keyword argument evaluated at call time. */
  call(e: Extract<Expr, { kind: 'call' }>, soft: boolean, extra: [string, ExprFn] | null): ExprFn {
    const args = this.args(e, soft, extra);
    // Calls are the most common located expressions: each is one closure with its own try/catch, not a
    // closure wrapped in another by `located` (templates are kept compiled, so closures count).
    const tpl = this.name;
    const { line, column } = e;
    if (e.fn.kind === 'getattr') {
      const obj = this.expr(e.fn.obj, soft);
      const attr = e.fn.attr;
      return (st, sc) => {
        try {
          const o = obj(st, sc);
          if (o instanceof Undefined) {
            if (o instanceof LenientUndefined) return o;
            failUndefined(o);
          }
          const { a, k } = args(st, sc);
          return callMethod(o, attr, a, k);
        } catch (err) {
          throw locateError(err, tpl, line, column);
        }
      };
    }
    if (e.fn.kind === 'name') {
      // A function found on a class-instance or Proxy context is called with the context as `this`.
      const n = e.fn.name;
      return (st, sc) => {
        try {
          const f = lookupCallee(st, sc, n);
          const owner = calleeOwner;
          const { a, k } = args(st, sc);
          return callValue(f, owner, a, k);
        } catch (err) {
          throw locateError(err, tpl, line, column);
        }
      };
    }
    const fn = this.expr(e.fn, soft);
    return (st, sc) => {
      try {
        const f = fn(st, sc);
        const { a, k } = args(st, sc);
        return callValue(f, undefined, a, k);
      } catch (err) {
        throw locateError(err, tpl, line, column);
      }
    };
  }

  /** Compiles a filter chain whose innermost missing operand is the chain input. */
  chain(e: Expr, soft: boolean): ChainFn {
    if (e.kind !== 'filter') {
      const f = this.expr(e, soft);
      return (st, sc) => f(st, sc);
    }
    const inner = e.node ? this.chain(e.node, soft) : null;
    const filter = this.registry.filters.get(e.name);
    if (!filter && !soft) throw new TemplateSyntaxError(`No filter named '${e.name}'.`, this.name, e.line, e.column);
    const args = this.args(e, soft, null);
    const reg = this.registry;
    const fname = e.name;
    return this.located3(e, (st: RenderState, sc: Scope, input: unknown) => {
      const v = inner ? inner(st, sc, input) : input;
      if (!filter) throw new RawRuntimeError(`No filter named '${fname}' found.`, 'runtime');
      const { a, k } = args(st, sc);
      return filter(reg, v, a, k ?? {});
    });
  }

  private test(e: Extract<Expr, { kind: 'test' }>, soft: boolean): ExprFn {
    const node = this.expr(e.node, soft);
    const test = this.registry.tests.get(e.name);
    if (!test && !soft) throw new TemplateSyntaxError(`No test named '${e.name}'.`, this.name, e.line, e.column);
    const args = this.args(e, soft, null);
    const reg = this.registry;
    const tname = e.name;
    return this.located(e, (st: RenderState, sc: Scope) => {
      const v = node(st, sc);
      if (!test) throw new RawRuntimeError(`No test named '${tname}' found.`, 'runtime');
      const { a, k } = args(st, sc);
      return test(reg, v, a, k ?? {});
    });
  }
}
