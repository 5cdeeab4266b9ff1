// Does: Python json.dumps (ASCII-escaped, `, ` and `: ` separators, optional indent and key sorting) and pprint.pformat for short values.
// Does not: line-wrap pformat output longer than 80 columns.
import { RawRuntimeError } from './errors.js';
import { Markup, Undefined } from './runtime.js';
import { floatRepr, isDict, isFloat, isTuple, PyFloat, pyItems, pyStr, repr, typeName, viewOf } from './python-values.js';

function jsonStr(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\b') out += '\\b';
    else if (ch === '\f') out += '\\f';
    else if (c < 0x20 || c > 0x7e) {
      if (c > 0xffff) {
        const hi = Math.floor((c - 0x10000) / 0x400) + 0xd800;
        const lo = ((c - 0x10000) % 0x400) + 0xdc00;
        out += `\\u${hi.toString(16).padStart(4, '0')}\\u${lo.toString(16).padStart(4, '0')}`;
      } else out += `\\u${c.toString(16).padStart(4, '0')}`;
    } else out += ch;
  }
  return out + '"';
}

function keyStr(k: unknown): string {
  if (typeof k === 'string') return k;
  if (typeof k === 'boolean') return k ? 'true' : 'false';
  if (k === null || k === undefined) return 'null';
  if (typeof k === 'number' || k instanceof PyFloat) return pyStr(k);
  throw new RawRuntimeError(`keys must be str, int, float, bool or None, not ${typeName(k)}`, 'type');
}

/** Python json.dumps(value, sort_keys=sortKeys, indent=indent). */
export function jsonDumps(v: unknown, indent: number | string | null, sortKeys: boolean): string {
  const ind = typeof indent === 'number' ? ' '.repeat(indent) : indent;
  const walk = (x: unknown, depth: number): string => {
    if (x === null || x === undefined) return 'null';
    if (x === true) return 'true';
    if (x === false) return 'false';
    if (typeof x === 'string') return jsonStr(x);
    if (x instanceof Markup) return jsonStr(x.value);
    if (typeof x === 'number' || x instanceof PyFloat) {
      const n = Number(x);
      if (Number.isNaN(n)) return 'NaN';
      if (!Number.isFinite(n)) return n > 0 ? 'Infinity' : '-Infinity';
      return isFloat(x) ? floatRepr(n) : pyStr(n);
    }
    let items: string[];
    let open: string;
    let close: string;
    if (Array.isArray(x)) {
      const view = viewOf(x);
      if (view !== undefined) throw new RawRuntimeError(`Object of type ${view.startsWith('range(') ? 'range' : view} is not JSON serializable`, 'type');
      items = x.map((y) => walk(y, depth + 1));
      open = '[';
      close = ']';
    } else if (isDict(x)) {
      let entries = pyItems(x).map(([k, y]) => [keyStr(k), y] as [string, unknown]);
      if (sortKeys) entries = entries.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
      items = entries.map(([k, y]) => `${jsonStr(k)}: ${walk(y, depth + 1)}`);
      open = '{';
      close = '}';
    } else {
      throw new RawRuntimeError(`Object of type ${x instanceof Undefined ? 'Undefined' : typeName(x)} is not JSON serializable`, 'type');
    }
    if (!items.length) return open + close;
    if (ind === null || ind === undefined) return open + items.join(', ') + close;
    const pad = '\n' + ind.repeat(depth + 1);
    return open + pad + items.join(',' + pad) + '\n' + ind.repeat(depth) + close;
  };
  return walk(v, 0);
}

/** pprint.pformat for values that fit on one line (dict keys sorted, as pprint does). */
export function pformat(v: unknown): string {
  const walk = (x: unknown): string => {
    if (Array.isArray(x) && viewOf(x) !== undefined) return pyStr(x);
    if (Array.isArray(x)) {
      const inner = x.map(walk).join(', ');
      if (isTuple(x)) return `(${inner}${x.length === 1 ? ',' : ''})`;
      return `[${inner}]`;
    }
    if (isDict(x)) {
      const entries = pyItems(x).sort((a, b) => {
        const ka = a[0];
        const kb = b[0];
        if (typeof ka === typeof kb) return (ka as string) < (kb as string) ? -1 : (ka as string) > (kb as string) ? 1 : 0;
        return 0;
      });
      return `{${entries.map(([k, y]) => `${repr(k)}: ${walk(y)}`).join(', ')}}`;
    }
    return repr(x);
  };
  return walk(v);
}
