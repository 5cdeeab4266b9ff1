// Does: Python json.dumps (ASCII-escaped, `, ` and `: ` separators, optional indent and key sorting) and pprint.pformat.
// Does not: pprint's compact mode or custom widths (pformat uses pprint's defaults).
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

function sortedEntries(x: Record<string, unknown> | Map<unknown, unknown>): [unknown, unknown][] {
  return pyItems(x).sort((a, b) => {
    const ka = a[0];
    const kb = b[0];
    if (typeof ka === typeof kb) return (ka as string) < (kb as string) ? -1 : (ka as string) > (kb as string) ? 1 : 0;
    return 0;
  });
}

/** pprint's one-line repr: like repr() with dict keys sorted. */
function safeRepr(x: unknown): string {
  if (Array.isArray(x) && viewOf(x) !== undefined) return pyStr(x);
  if (Array.isArray(x)) {
    const inner = x.map(safeRepr).join(', ');
    if (isTuple(x)) return `(${inner}${x.length === 1 ? ',' : ''})`;
    return `[${inner}]`;
  }
  if (isDict(x)) return `{${sortedEntries(x).map(([k, y]) => `${safeRepr(k)}: ${safeRepr(y)}`).join(', ')}}`;
  return repr(x);
}

const WIDTH = 80;

/** pprint.pformat(value): one line when it fits in 80 columns, else containers one item per line and long strings split. */
export function pformat(v: unknown): string {
  let out = '';
  const format = (x: unknown, indent: number, allowance: number, level: number): void => {
    const rep = safeRepr(x);
    if (rep.length > WIDTH - indent - allowance) {
      if (Array.isArray(x) && viewOf(x) === undefined) {
        const tuple = isTuple(x);
        const endchar = tuple ? (x.length === 1 ? ',)' : ')') : ']';
        out += tuple ? '(' : '[';
        items(x, indent, allowance + endchar.length, level + 1);
        out += endchar;
        return;
      }
      if (isDict(x)) {
        out += '{';
        const entries = sortedEntries(x);
        const ind = indent + 1;
        entries.forEach(([k, y], i) => {
          const last = i === entries.length - 1;
          const krep = safeRepr(k);
          out += krep + ': ';
          format(y, ind + krep.length + 2, last ? allowance + 1 : 1, level + 1);
          if (!last) out += ',\n' + ' '.repeat(ind);
        });
        out += '}';
        return;
      }
      if (typeof x === 'string' && x.length) {
        out += formatStr(x, indent, allowance, level + 1);
        return;
      }
    }
    out += rep;
  };
  const items = (xs: unknown[], indent: number, allowance: number, level: number): void => {
    const ind = indent + 1;
    xs.forEach((x, i) => {
      if (i > 0) out += ',\n' + ' '.repeat(ind);
      format(x, ind, i === xs.length - 1 ? allowance : 1, level);
    });
  };
  format(v, 0, 0, 0);
  return out;
}

function formatStr(s: string, indentIn: number, allowanceIn: number, level: number): string {
  let indent = indentIn;
  let allowance = allowanceIn;
  const lines = s.match(/[^\n\r]*(?:\r\n|\n|\r)|[^\n\r]+$/g) ?? [s];
  if (level === 1) {
    indent += 1;
    allowance += 1;
  }
  const maxWidth = WIDTH - indent;
  let maxWidth1 = maxWidth;
  const chunks: string[] = [];
  let rep = '';
  lines.forEach((line, i) => {
    rep = repr(line);
    if (i === lines.length - 1) maxWidth1 -= allowance;
    if (rep.length <= maxWidth1) chunks.push(rep);
    else {
      const parts = line.match(/\S*\s*/g)!.filter((p, j, all) => j < all.length - 1 || p);
      let maxWidth2 = maxWidth;
      let current = '';
      parts.forEach((part, j) => {
        const candidate = current + part;
        if (j === parts.length - 1 && i === lines.length - 1) maxWidth2 -= allowance;
        if (repr(candidate).length > maxWidth2) {
          if (current) chunks.push(repr(current));
          current = part;
        } else current = candidate;
      });
      if (current) chunks.push(repr(current));
    }
  });
  if (chunks.length === 1) return rep;
  const body = chunks.join('\n' + ' '.repeat(indent));
  return level === 1 ? `(${body})` : body;
}
