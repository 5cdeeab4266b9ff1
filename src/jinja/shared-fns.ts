// Does: hands out one closure per constant, name or text fragment, shared by every template compiled in the process.
// Does not: share anything that holds state: only primitive constants, name lookups and output of fixed text.
import { lookup, type Out, type RenderState, type Scope } from './scope.js';

type ExprFn = (st: RenderState, sc: Scope) => unknown;
type StmtFn = (st: RenderState, sc: Scope, out: Out) => void;

// A project's templates repeat the same constants ('table', 'id'), names (loop, c) and fragments ("\n  ", ", "):
// one closure each instead of one per occurrence keeps thousands of compiled templates much smaller.
// Bounded: a table past LIMIT entries is emptied (later templates then get fresh closures, still correct).
const LIMIT = 20_000;
const consts = new Map<unknown, ExprFn>();
const names = new Map<string, ExprFn>();
const texts = new Map<string, StmtFn>();

function remember<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let fn = map.get(key);
  if (fn === undefined) {
    if (map.size >= LIMIT) map.clear();
    fn = make();
    map.set(key, fn);
  }
  return fn;
}

/** `() => v` for a primitive constant (strings up to 200 characters); other values get their own closure. */
export function constFn(v: unknown): ExprFn {
  const shareable = v === null || v === undefined || typeof v === 'boolean' || typeof v === 'number' || (typeof v === 'string' && v.length <= 200);
  // -0 and 0 are one Map key but different constants.
  if (!shareable || Object.is(v, -0)) return () => v;
  return remember(consts, v, () => () => v);
}

/** The lookup of a free name. */
export function nameFn(n: string): ExprFn {
  return remember(names, n, () => (st, sc) => lookup(st, sc, n));
}

/** Output of a fixed text (template data between tags). */
export function textFn(text: string): StmtFn {
  if (text.length > 200) {
    return (_st, _sc, out) => {
      out.s += text;
    };
  }
  return remember(texts, text, () => (_st, _sc, out) => {
    out.s += text;
  });
}
