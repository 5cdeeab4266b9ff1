// Does: writes a Stripe object's flattened row (and its child rows) straight to JSON text, byte for byte what
// `JSON.stringify(flattenStripeObject(object).row)` gives, without building the row object first.
// Does not: decide columns or types (the warehouse's JSON reader does, as for any JSONL file).
import { childItems, flattenStripeObject, INDEX_COLUMN, isPlainObject, PARENT_ID_COLUMN, RAW_COLUMN } from './type-mapping.js';

/** One object as JSON lines: its flattened row and its child rows by child table suffix. */
export interface FlatJson {
  line: string;
  children: Record<string, string[]>;
}

/** A column path with its JSON key text (`"a__b":`) computed once and shared by every object. */
interface PathNode {
  column: string;
  head: string;
  next: Map<string, PathNode> | undefined;
}

/** Bounds the shared key cache: free-form keys (metadata) must not grow it without limit. */
const MAX_CACHED_PATHS = 20_000;
let cachedPaths = 0;
const root: PathNode = { column: '', head: '', next: undefined };
const childRoot: PathNode = { column: '', head: '', next: undefined };
const PARENT_HEAD = `{${JSON.stringify(PARENT_ID_COLUMN)}:`;
const INDEX_HEAD = `,${JSON.stringify(INDEX_COLUMN)}:`;
const RAW_HEAD = `${JSON.stringify(RAW_COLUMN)}:`;

function pathOf(parent: PathNode, key: string): PathNode {
  const known = parent.next?.get(key);
  if (known) return known;
  const column = parent.column === '' ? key : `${parent.column}__${key}`;
  const node: PathNode = { column, head: `${JSON.stringify(column)}:`, next: undefined };
  if (cachedPaths < MAX_CACHED_PATHS) {
    (parent.next ??= new Map()).set(key, node);
    cachedPaths++;
  }
  return node;
}

/**
 * Keys for which writing fields in walk order would differ from the row object: an integer-like key is
 * moved to the front of a JS object, and `__`, a leading or trailing `_` or an empty key can make two
 * paths one column (the row object keeps the first position and the last value). `_raw` and the child
 * key columns start with `_`, so a key that would overwrite them is caught here too.
 */
function unusualKey(key: string, topLevel: boolean): boolean {
  if (key.length === 0) return true;
  const first = key.charCodeAt(0);
  if (first === 95 /* _ */ || key.charCodeAt(key.length - 1) === 95 || key.includes('__')) return true;
  return topLevel && first >= 48 && first <= 57;
}

/** Thrown inside the walk when an object needs the general path; caught by `flattenToJson`. */
const UNUSUAL = Symbol('unusual key');

/** Appends `,"column":value` fields of `value` under `node`; lists go to `children` (dropped when it is undefined). */
function walk(out: string[], children: Record<string, string[]> | undefined, node: PathNode, value: Record<string, unknown>, parentId: string, parentIdJson: string): void {
  const topLevel = node.column === '';
  for (const key of Object.keys(value)) {
    if (unusualKey(key, topLevel)) throw UNUSUAL;
    const inner = value[key];
    const path = pathOf(node, key);
    if (inner === null || inner === undefined) {
      out.push(path.head + 'null');
      continue;
    }
    const kind = typeof inner;
    if (kind === 'string') {
      out.push(path.head + JSON.stringify(inner));
      continue;
    }
    if (kind !== 'object') {
      out.push(path.head + JSON.stringify(inner));
      continue;
    }
    const items = childItems(inner);
    if (items) {
      if (!children) continue;
      const rows = (children[path.column] ??= []);
      for (let index = 0; index < items.length; index++) {
        const fields: string[] = [];
        walk(fields, undefined, childRoot, items[index]!, parentId, parentIdJson);
        rows.push(PARENT_HEAD + parentIdJson + INDEX_HEAD + index + (fields.length > 0 ? ',' + fields.join(',') : '') + '}');
      }
    } else if (Array.isArray(inner)) out.push(path.head + JSON.stringify(JSON.stringify(inner)));
    else walk(out, children, path, inner as Record<string, unknown>, parentId, parentIdJson);
  }
}

/**
 * The flattened row of `object` as one JSON line, and each child row as one line, exactly as
 * `JSON.stringify` of `flattenStripeObject`'s rows would write them; `raw` is the object's own JSON
 * text when the caller already has it.
 */
export function flattenToJson(object: Record<string, unknown>, raw: string = JSON.stringify(object)): FlatJson {
  const parentId = String(object['id']);
  const children: Record<string, string[]> = {};
  const fields: string[] = [];
  try {
    walk(fields, children, root, object, parentId, JSON.stringify(parentId));
  } catch (err) {
    if (err !== UNUSUAL) throw err;
    const flat = flattenStripeObject(object);
    return {
      line: JSON.stringify(flat.row),
      children: Object.fromEntries(Object.entries(flat.children).map(([name, rows]) => [name, rows.map((r) => JSON.stringify(r))])),
    };
  }
  fields.push(RAW_HEAD + JSON.stringify(raw));
  return { line: '{' + fields.join(',') + '}', children };
}
