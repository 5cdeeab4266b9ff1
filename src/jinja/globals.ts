// Does: the global functions every template sees: range, dict, namespace, cycler, joiner.
// Does not: include dbt's context (ref, source, config...), which callers pass as globals or context.
import { makePyFunction } from './attributes.js';
import { RawRuntimeError } from './errors.js';
import { isDict, isInt, makeDict, makeView, num, pyItems, pyIter, pyStr } from './python-values.js';
import { Cycler, Namespace } from './runtime.js';

const MAX_RANGE = 100000;

function range(args: unknown[]): unknown[] {
  for (const a of args) if (!isInt(a) && typeof a !== 'boolean') throw new RawRuntimeError(`'${typeof a === 'number' ? 'float' : pyStr(a)}' object cannot be interpreted as an integer`, 'type');
  const [start, stop, step] = args.length === 1 ? [0, num(args[0]), 1] : [num(args[0]), num(args[1]), args.length > 2 ? num(args[2]) : 1];
  if (step === 0) throw new RawRuntimeError('range() arg 3 must not be zero', 'value');
  const out: number[] = [];
  const n = step > 0 ? Math.max(0, Math.ceil((stop - start) / step)) : Math.max(0, Math.ceil((start - stop) / -step));
  if (n > MAX_RANGE) throw new RawRuntimeError(`Range too big. The sandbox blocks ranges larger than MAX_RANGE (${MAX_RANGE}).`, 'runtime');
  for (let i = 0; i < n; i++) out.push(start + i * step);
  return makeView(out, step === 1 ? `range(${start}, ${stop})` : `range(${start}, ${stop}, ${step})`);
}

function dictFrom(args: unknown[], kw: Record<string, unknown>): unknown {
  const pairs: [unknown, unknown][] = [];
  const src = args[0];
  if (src !== undefined) {
    if (isDict(src)) pairs.push(...pyItems(src));
    else for (const p of pyIter(src)) {
      const kv = pyIter(p);
      if (kv.length !== 2) throw new RawRuntimeError(`dictionary update sequence element has length ${kv.length}; 2 is required`, 'value');
      pairs.push([kv[0], kv[1]]);
    }
  }
  pairs.push(...Object.entries(kw));
  return makeDict(pairs);
}

/** The default globals (a fresh object per environment). */
export function defaultGlobals(): Record<string, unknown> {
  return {
    range: makePyFunction('range', (a) => range(a)),
    dict: makePyFunction('dict', dictFrom),
    namespace: makePyFunction('namespace', (a, k) => {
      const ns = new Namespace();
      const init = dictFrom(a, k);
      for (const [key, v] of pyItems(init as Record<string, unknown>)) ns.attrs[pyStr(key)] = v;
      return ns;
    }),
    cycler: makePyFunction('cycler', (a) => new Cycler(a)),
    joiner: makePyFunction('joiner', (a, k) => {
      const sep = a.length ? pyStr(a[0]) : Object.hasOwn(k, 'sep') ? pyStr(k.sep) : ', ';
      let used = false;
      return makePyFunction('joiner', () => {
        if (!used) {
          used = true;
          return '';
        }
        return sep;
      });
    }),
  };
}
