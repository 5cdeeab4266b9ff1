// Does: Python's arithmetic on template values: + - * / // % ** and unary minus/plus, with int/float and sequence rules.
// Does not: define the value model (python-values.ts) or string formatting (python-format.ts installs `%`).
import { RawRuntimeError } from './errors.js';
import { Markup, Undefined } from './runtime.js';
import { PyFloat, isFloat, isInt, isNumeric, isTuple, makeFloat, makeTuple, num, objectTypeRepr, typeName, viewOf } from './python-values.js';

function undefinedOperand(v: unknown): void {
  if (v instanceof Undefined) throw new RawRuntimeError(v.message(objectTypeRepr), 'undefined');
}

function unsupported(op: string, a: unknown, b: unknown): never {
  undefinedOperand(a);
  undefinedOperand(b);
  throw new RawRuntimeError(`unsupported operand type(s) for ${op}: '${typeName(a)}' and '${typeName(b)}'`, 'type');
}

// Positive half-integer powers through sqrt, which is correctly rounded (V8's pow can be off in the last digit: 2 ** 1.5).
function pow(x: number, y: number): number {
  if (x > 0 && y > 0 && y < 64 && !Number.isInteger(y) && Number.isInteger(y * 2)) return x ** Math.trunc(y) * Math.sqrt(x);
  return x ** y;
}

/** CPython's float divmod: fmod-based so that 1 % 0.1 and 1 // 0.1 match Python (0.0999..., 9.0). */
function floatDivmod(x: number, y: number): [number, number] {
  let mod = x % y;
  let div = (x - mod) / y;
  if (mod) {
    if (y < 0 !== mod < 0) {
      mod += y;
      div -= 1;
    }
  } else mod = y < 0 ? -0 : 0;
  let floordiv: number;
  if (div) {
    floordiv = Math.floor(div);
    if (div - floordiv > 0.5) floordiv += 1;
  } else floordiv = x / y < 0 || Object.is(x / y, -0) ? -0 : 0;
  return [floordiv, mod];
}

function numResult(a: unknown, b: unknown, r: number): number | PyFloat {
  return isFloat(a) || isFloat(b) ? makeFloat(r) : r;
}

/** Python binary arithmetic: + - * / // % **. */
export function pyArith(op: string, a: unknown, b: unknown): unknown {
  if (isNumeric(a) && isNumeric(b)) {
    const x = num(a);
    const y = num(b);
    switch (op) {
      case '+': return numResult(a, b, x + y);
      case '-': return numResult(a, b, x - y);
      case '*': return numResult(a, b, x * y);
      case '/':
        if (y === 0) throw new RawRuntimeError('division by zero', 'zero');
        return makeFloat(x / y);
      case '//':
        if (y === 0) throw new RawRuntimeError('integer division or modulo by zero', 'zero');
        if (!isFloat(a) && !isFloat(b)) return Math.floor(x / y);
        return makeFloat(floatDivmod(x, y)[0]);
      case '%': {
        if (y === 0) throw new RawRuntimeError('integer modulo by zero', 'zero');
        return numResult(a, b, floatDivmod(x, y)[1]);
      }
      case '**': {
        if (!isFloat(a) && !isFloat(b) && y >= 0) return x ** y;
        if (x === 0 && y < 0) throw new RawRuntimeError('0.0 cannot be raised to a negative power', 'zero');
        return makeFloat(pow(x, y));
      }
      default:
        break;
    }
  }
  const sa = a instanceof Markup ? a.value : a;
  if (op === '+') {
    if (typeof sa === 'string' && (typeof b === 'string' || b instanceof Markup)) {
      // Markup + str escapes the plain side, as MarkupSafe does.
      if (a instanceof Markup) return new Markup(a.value + (b instanceof Markup ? b.value : escapeHook(b as string)));
      if (b instanceof Markup) return new Markup(escapeHook(a as string) + b.value);
      return (a as string) + (b as string);
    }
    if (Array.isArray(a) && Array.isArray(b) && isTuple(a) === isTuple(b) && !viewOf(a) && !viewOf(b)) {
      const r = [...a, ...b];
      return isTuple(a) ? makeTuple(r) : r;
    }
  }
  if (op === '*') {
    // bool is an int in Python: 'ab' * True == 'ab'.
    const ib = isInt(b) || typeof b === 'boolean';
    const ia = isInt(a) || typeof a === 'boolean';
    if (typeof sa === 'string' && ib) return a instanceof Markup ? new Markup(sa.repeat(Math.max(0, num(b)))) : sa.repeat(Math.max(0, num(b)));
    if (ia && typeof b === 'string') return b.repeat(Math.max(0, num(a)));
    if (ia && b instanceof Markup) return new Markup(b.value.repeat(Math.max(0, num(a))));
    const seq = Array.isArray(a) && ib && !viewOf(a) ? a : Array.isArray(b) && ia && !viewOf(b) ? b : null;
    if (seq) {
      const times = seq === a ? num(b) : num(a);
      const r: unknown[] = [];
      for (let i = 0; i < times; i++) r.push(...seq);
      return isTuple(seq) ? makeTuple(r) : r;
    }
  }
  if (op === '%' && typeof sa === 'string') return percentFormatHook(sa, b);
  return unsupported(op, a, b);
}

/** HTML escaping for Markup arithmetic (installed by html.ts). */
export let escapeHook: (s: string) => string = (s) => s;
/** Installs the escaping used when plain strings meet Markup. */
export function setEscape(fn: (s: string) => string): void {
  escapeHook = fn;
}

/** Set by python-format.ts to avoid an import cycle: `'%s' % x`. */
export let percentFormatHook: (fmt: string, arg: unknown) => string = () => {
  throw new RawRuntimeError('string formatting unavailable');
};
/** Installs the `%` string formatting implementation. */
export function setPercentFormat(fn: (fmt: string, arg: unknown) => string): void {
  percentFormatHook = fn;
}

/** Python unary minus and plus. */
export function pyNeg(v: unknown, op: '-' | '+'): unknown {
  if (isNumeric(v)) {
    const n = num(v);
    if (op === '+') return typeof v === 'boolean' ? n : v;
    return isFloat(v) ? makeFloat(-n) : n === 0 ? 0 : -n;
  }
  undefinedOperand(v);
  throw new RawRuntimeError(`bad operand type for unary ${op}: '${typeName(v)}'`, 'type');
}
