// Does: Python number formatting, `%` string interpolation and str.format() with format specs.
// Does not: locale-aware formatting (`n` is treated like `d`/`g`).
import { RawRuntimeError } from './errors.js';
import { Undefined } from './runtime.js';
import { floatRepr, isDict, isFloat, isNumeric, isTuple, num, pyStr, repr, typeName } from './python-values.js';
import { setPercentFormat } from './python-arith.js';

/** Fixed-point text of `x` with `p` decimals, rounding exact ties to even as Python does. */
export function toFixedPy(x: number, p: number): string {
  if (!Number.isFinite(x)) return Number.isNaN(x) ? 'nan' : x > 0 ? 'inf' : '-inf';
  const neg = x < 0 || Object.is(x, -0);
  const a = Math.abs(x);
  let s = a.toFixed(Math.min(p, 100));
  if (p + 40 <= 100) {
    const long = a.toFixed(p + 40);
    const cut = p === 0 ? long.indexOf('.') : long.indexOf('.') + 1 + p;
    const rest = long.slice(p === 0 ? cut + 1 : cut);
    if (/^50*$/.test(rest)) {
      const truncated = long.slice(0, cut);
      const lastDigit = Number(truncated.replace('.', '').slice(-1));
      if (lastDigit % 2 === 0) s = truncated;
    }
  }
  return (neg ? '-' : '') + s;
}

/** Python's round(x, n) for floats (ties to even on the exact binary value). */
export function pyRound(x: number, n: number): number {
  if (n >= 0) return parseFloat(toFixedPy(x, n));
  const f = 10 ** -n;
  const q = x / f;
  let r = Math.round(q);
  if (Math.abs(q % 1) === 0.5 && r % 2 !== 0) r -= 1;
  return r * f;
}

function expText(x: number, p: number, upper: boolean): string {
  if (!Number.isFinite(x)) return floatRepr(x);
  const [m = '', e = '0'] = x.toExponential(Math.min(p, 100)).split('e');
  const en = parseInt(e, 10);
  const t = `${m}e${en < 0 ? '-' : '+'}${String(Math.abs(en)).padStart(2, '0')}`;
  return upper ? t.toUpperCase() : t;
}

function generalText(x: number, p: number, alt: boolean, upper: boolean, keepPoint = false): string {
  if (!Number.isFinite(x)) return upper ? floatRepr(x).toUpperCase() : floatRepr(x);
  const P = p === 0 ? 1 : p;
  if (x === 0) return (Object.is(x, -0) ? '-' : '') + (alt ? '0.' + '0'.repeat(P - 1) : keepPoint ? '0.0' : '0');
  const exp = parseInt(x.toExponential(P - 1).split('e')[1] ?? '0', 10);
  let s: string;
  if (exp >= -4 && exp < P) {
    s = toFixedPy(x, P - 1 - exp);
    if (!alt && s.includes('.')) s = s.replace(/0+$/, '').replace(/\.$/, keepPoint ? '.0' : '');
  } else {
    s = expText(x, P - 1, upper);
    if (!alt) s = s.replace(/\.?0+e/, 'e').replace(/\.?0+E/, 'E');
  }
  return s;
}

function toInt(v: unknown, conv: string): number {
  if (isNumeric(v)) return Math.trunc(num(v));
  throw new RawRuntimeError(`%${conv} format: a real number is required, not ${typeName(v)}`, 'type');
}

function toNumber(v: unknown): number {
  if (isNumeric(v)) return num(v);
  throw new RawRuntimeError(`must be real number, not ${typeName(v)}`, 'type');
}

const PERCENT = /%(?:\(([^)]*)\))?([-+ #0]*)(\*|\d+)?(?:\.(\*|\d+))?[hlL]?([diouxXeEfFgGcrsa%])?/g;

/** Python `fmt % arg`. A tuple supplies several arguments, a dict supplies `%(name)s` values. */
export function percentFormat(fmt: string, arg: unknown): string {
  const args = isTuple(arg) ? [...(arg as unknown[])] : [arg];
  const mapping = isDict(arg) ? arg : null;
  let used = 0;
  let usedMapping = false;
  const take = (): unknown => {
    if (used >= args.length) throw new RawRuntimeError('not enough arguments for format string', 'type');
    return args[used++];
  };
  const out = fmt.replace(PERCENT, (_m, key: string | undefined, flags: string, width: string | undefined, prec: string | undefined, conv: string | undefined) => {
    if (conv === undefined) throw new RawRuntimeError('incomplete format', 'value');
    if (conv === '%') return '%';
    let v: unknown;
    if (key !== undefined) {
      if (!mapping) throw new RawRuntimeError('format requires a mapping', 'type');
      usedMapping = true;
      v = mapping instanceof Map ? mapping.get(key) : mapping[key];
      if (v === undefined && !(mapping instanceof Map ? mapping.has(key) : Object.hasOwn(mapping, key))) throw new RawRuntimeError(`'${key}'`, 'key');
    }
    const w = width === '*' ? toInt(take(), 'd') : width ? parseInt(width, 10) : 0;
    const pr = prec === '*' ? toInt(take(), 'd') : prec !== undefined ? parseInt(prec, 10) : undefined;
    if (key === undefined) v = take();
    let body: string;
    let numeric = true;
    switch (conv) {
      case 's': body = pyStr(v); numeric = false; if (pr !== undefined) body = body.slice(0, pr); break;
      case 'r': case 'a': body = repr(v); numeric = false; if (pr !== undefined) body = body.slice(0, pr); break;
      case 'c': body = typeof v === 'string' ? v : String.fromCodePoint(toInt(v, 'c')); numeric = false; break;
      case 'd': case 'i': case 'u': body = String(toInt(v, conv)); break;
      case 'o': { const n = toInt(v, conv); body = (n < 0 ? '-' : '') + (flags.includes('#') ? '0o' : '') + Math.abs(n).toString(8); break; }
      case 'x': case 'X': {
        const n = toInt(v, conv);
        body = (n < 0 ? '-' : '') + (flags.includes('#') ? '0x' : '') + Math.abs(n).toString(16);
        if (conv === 'X') body = body.toUpperCase();
        break;
      }
      case 'e': case 'E': body = expText(toNumber(v), pr ?? 6, conv === 'E'); break;
      case 'f': case 'F': body = toFixedPy(toNumber(v), pr ?? 6); break;
      default: body = generalText(toNumber(v), pr ?? 6, flags.includes('#'), conv === 'G'); break;
    }
    if (numeric && !body.startsWith('-')) {
      if (flags.includes('+')) body = '+' + body;
      else if (flags.includes(' ')) body = ' ' + body;
    }
    if (body.length < w) {
      if (flags.includes('-')) body = body.padEnd(w);
      else if (numeric && flags.includes('0')) {
        const sign = /^[-+ ]/.test(body) ? body[0]! : '';
        body = sign + body.slice(sign.length).padStart(w - sign.length, '0');
      } else body = body.padStart(w);
    }
    return body;
  });
  // Python skips the leftover check when the single argument is subscriptable (dict, list...), but not for str.
  const subscriptable = !isTuple(arg) && (isDict(arg) || Array.isArray(arg) || arg instanceof Undefined);
  if (!usedMapping && used < args.length && !subscriptable) {
    throw new RawRuntimeError('not all arguments converted during string formatting', 'type');
  }
  return out;
}

const SPEC = /^(?:([\s\S])?([<>=^]))?([-+ ])?(z)?(#)?(0)?(\d+)?([,_])?(?:\.(\d+))?([bcdeEfFgGnosxX%])?$/;

function group(intPart: string, sep: string | undefined, every = 3): string {
  if (!sep) return intPart;
  const re = every === 3 ? /\B(?=(\d{3})+(?!\d))/g : /\B(?=([0-9a-f]{4})+(?![0-9a-f]))/g;
  return intPart.replace(re, sep);
}

/** Python's format(value, spec). */
export function formatValue(v: unknown, spec: string): string {
  if (spec === '') return pyStr(v);
  const m = SPEC.exec(spec);
  if (!m) throw new RawRuntimeError(`Invalid format specifier '${spec}' for object of type '${typeName(v)}'`, 'value');
  const [, fillRaw, alignRaw, signRaw, , alt, zero, widthRaw, sep, precRaw, typeRaw] = m;
  let fill = fillRaw ?? ' ';
  let align = alignRaw;
  const width = widthRaw ? parseInt(widthRaw, 10) : 0;
  const prec = precRaw !== undefined ? parseInt(precRaw, 10) : undefined;
  let type = typeRaw;
  const isNum = isNumeric(v) && !(typeof v === 'boolean' && type === undefined);
  if (zero && !alignRaw) {
    fill = '0';
    align = '=';
  }
  let body: string;
  let sign = '';
  if (!isNum) {
    if (type !== undefined && type !== 's') throw new RawRuntimeError(`Unknown format code '${type}' for object of type '${typeName(v)}'`, 'value');
    if (typeof v !== 'string' && !(v instanceof Undefined)) {
      if (v === null || v === undefined || typeof v === 'object') throw new RawRuntimeError(`unsupported format string passed to ${typeName(v)}.__format__`, 'type');
    }
    body = pyStr(v);
    if (prec !== undefined) body = body.slice(0, prec);
    align = align ?? '<';
  } else {
    const x = num(v);
    const floatish = isFloat(v);
    if (type === undefined) type = floatish ? '' : 'd';
    if (type === 'n') type = floatish ? 'g' : 'd';
    if (floatish && ['d', 'b', 'o', 'x', 'X', 'c'].includes(type)) throw new RawRuntimeError(`Unknown format code '${type}' for object of type 'float'`, 'value');
    const ax = Math.abs(x);
    const neg = x < 0 || (floatish && Object.is(x, -0));
    sign = neg ? '-' : signRaw === '+' ? '+' : signRaw === ' ' ? ' ' : '';
    switch (type) {
      case 'd': body = group(String(ax), sep); break;
      case 'b': body = (alt ? '0b' : '') + group(ax.toString(2), sep === '_' ? '_' : undefined, 4); break;
      case 'o': body = (alt ? '0o' : '') + group(ax.toString(8), sep === '_' ? '_' : undefined, 4); break;
      case 'x': body = (alt ? '0x' : '') + group(ax.toString(16), sep === '_' ? '_' : undefined, 4); break;
      case 'X': body = (alt ? '0X' : '') + group(ax.toString(16).toUpperCase(), sep === '_' ? '_' : undefined, 4); break;
      case 'c': body = String.fromCodePoint(ax); break;
      case 'e': case 'E': body = expText(ax, prec ?? 6, type === 'E'); break;
      case 'f': case 'F': {
        const t = toFixedPy(ax, prec ?? 6);
        const [ip = '', fp] = t.split('.');
        body = group(ip, sep) + (fp !== undefined ? '.' + fp : alt ? '.' : '');
        break;
      }
      case '%': {
        const t = toFixedPy(ax * 100, prec ?? 6);
        const [ip = '', fp] = t.split('.');
        body = group(ip, sep) + (fp !== undefined ? '.' + fp : '') + '%';
        break;
      }
      case 'g': case 'G': body = generalText(ax, prec ?? 6, !!alt, type === 'G'); break;
      default: {
        body = prec === undefined ? floatRepr(ax) : generalText(ax, prec, !!alt, false, true);
        if (sep) {
          const [ip = '', fp] = body.split('.');
          body = group(ip, sep) + (fp !== undefined ? '.' + fp : '');
        }
      }
    }
    align = align ?? '>';
  }
  const total = sign.length + body.length;
  if (total >= width) return sign + body;
  const padLen = width - total;
  switch (align) {
    case '<': return sign + body + fill.repeat(padLen);
    case '^': {
      const left = Math.floor(padLen / 2);
      return fill.repeat(left) + sign + body + fill.repeat(padLen - left);
    }
    case '=': return sign + fill.repeat(padLen) + body;
    default: return fill.repeat(padLen) + sign + body;
  }
}

/** Python str.format(*args, **kwargs); `getField` resolves `.attr` and `[key]` parts. */
export function strFormat(fmt: string, args: unknown[], kwargs: Record<string, unknown>, getField: (obj: unknown, key: string | number, isAttr: boolean) => unknown): string {
  let auto = 0;
  let out = '';
  let i = 0;
  while (i < fmt.length) {
    const c = fmt[i]!;
    if (c === '{') {
      if (fmt[i + 1] === '{') {
        out += '{';
        i += 2;
        continue;
      }
      let depth = 1;
      let j = i + 1;
      while (j < fmt.length && depth > 0) {
        if (fmt[j] === '{') depth++;
        else if (fmt[j] === '}') depth--;
        if (depth > 0) j++;
      }
      if (depth > 0) throw new RawRuntimeError("expected '}' before end of string", 'value');
      const field = fmt.slice(i + 1, j);
      i = j + 1;
      const fm = /^([^.[!:]*)((?:\.[^.[!:]+|\[[^\]]*\])*)(?:!([rsa]))?(?::([\s\S]*))?$/.exec(field);
      if (!fm) throw new RawRuntimeError(`invalid format field '${field}'`, 'value');
      const [, name = '', rest = '', conv, specRaw = ''] = fm;
      let v: unknown;
      if (name === '') {
        if (auto >= args.length) throw new RawRuntimeError(`Replacement index ${auto} out of range for positional args tuple`, 'key');
        v = args[auto++];
      } else if (/^\d+$/.test(name)) {
        const k = parseInt(name, 10);
        if (k >= args.length) throw new RawRuntimeError(`Replacement index ${k} out of range for positional args tuple`, 'key');
        v = args[k];
      } else {
        if (!Object.hasOwn(kwargs, name)) throw new RawRuntimeError(`'${name}'`, 'key');
        v = kwargs[name];
      }
      for (const part of rest.match(/\.[^.[]+|\[[^\]]*\]/g) ?? []) {
        if (part.startsWith('.')) v = getField(v, part.slice(1), true);
        else {
          const key = part.slice(1, -1);
          v = getField(v, /^\d+$/.test(key) ? parseInt(key, 10) : key, false);
        }
      }
      if (conv === 'r' || conv === 'a') v = repr(v);
      else if (conv === 's') v = pyStr(v);
      const spec = specRaw.replace(/\{([^}]*)\}/g, (_x, inner: string) => {
        if (inner === '') return pyStr(args[auto++]);
        if (/^\d+$/.test(inner)) return pyStr(args[parseInt(inner, 10)]);
        return pyStr(kwargs[inner]);
      });
      out += formatValue(v, spec);
    } else if (c === '}') {
      if (fmt[i + 1] === '}') {
        out += '}';
        i += 2;
        continue;
      }
      throw new RawRuntimeError("Single '}' encountered in format string", 'value');
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

setPercentFormat(percentFormat);
