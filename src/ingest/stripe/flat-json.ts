// Does: writes a Stripe object's flattened row (and its child rows) straight to JSON text, the fields in the
// order of `flattenStripeObject(object).row` with `_raw` as the object itself, without building the row object
// first; and records each table's columns with the kinds of value they held (`FlatSchema`).
// Does not: load; the loader reads the lines with the column types `FlatSchema` gives.
import type { LogicalType } from '../../warehouse/index.js';
import { childItems, flattenStripeObject, INDEX_COLUMN, isPlainObject, PARENT_ID_COLUMN, RAW_COLUMN, type FlatRow } from './type-mapping.js';

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
  /** Index into a table's slots; -1 for a path past the cache bound (found by name instead). */
  id: number;
}

const NULL = 1;
const BOOLEAN = 2;
const INTEGER = 4;
const FLOAT = 8;
const STRING = 16;

/** The kind bit of a scalar as JSON.stringify writes it (NaN and infinities become null). */
function kindOf(value: unknown): number {
  switch (typeof value) {
    case 'string':
      return STRING;
    case 'boolean':
      return BOOLEAN;
    case 'number':
      return Number.isSafeInteger(value) ? INTEGER : Number.isFinite(value) ? FLOAT : NULL;
    default:
      return NULL;
  }
}

/**
 * The type of a column from the kinds it held, as the warehouse's JSON reader would detect it: only nulls
 * stay JSON, integers BIGINT (DOUBLE once a fraction or an unsafe integer appears), booleans BOOLEAN, and
 * any other mix is text.
 */
function typeOf(kinds: number): LogicalType {
  const seen = kinds & ~NULL;
  if (seen === 0) return 'json';
  if (seen === BOOLEAN) return 'boolean';
  if (seen === INTEGER) return 'bigint';
  if ((seen & ~(INTEGER | FLOAT)) === 0) return 'double';
  return 'string';
}

/** One table's columns in order of first appearance, with the kinds of value each held. */
export class TableColumns {
  private readonly names: string[] = [];
  private readonly kinds: number[] = [];
  private readonly byName = new Map<string, number>();
  /** Per path node id: 1 + the column's index, 0 when this table has not seen it. */
  private readonly byNode: number[] = [];

  /** Records a value of `kind` in the column at `node`. */
  add(node: PathNode, kind: number): void {
    const slot = node.id < 0 ? 0 : (this.byNode[node.id] ?? 0);
    if (slot > 0) this.kinds[slot - 1]! |= kind;
    else {
      const index = this.indexOf(node.column);
      this.kinds[index]! |= kind;
      if (node.id >= 0) this.byNode[node.id] = index + 1;
    }
  }

  /** Records a value of `kind` in column `name`. */
  addNamed(name: string, kind: number): void {
    this.kinds[this.indexOf(name)]! |= kind;
  }

  /** Column names and types, in order of first appearance. */
  types(): Record<string, LogicalType> {
    return Object.fromEntries(this.names.map((name, i) => [name, typeOf(this.kinds[i]!)]));
  }

  private indexOf(name: string): number {
    let index = this.byName.get(name);
    if (index === undefined) {
      index = this.names.length;
      this.names.push(name);
      this.kinds.push(0);
      this.byName.set(name, index);
    }
    return index;
  }
}

/**
 * The columns of an extraction: the objects' table and each child table. Every row is counted, so a
 * field that first appears late still gets its column (a reader's sample of the first rows would miss it).
 */
export class FlatSchema {
  readonly main = new TableColumns();
  readonly children: Record<string, TableColumns> = {};

  /** The columns of child table `name`, created with its key columns first. */
  child(name: string): TableColumns {
    let table = this.children[name];
    if (table === undefined) {
      table = new TableColumns();
      table.addNamed(PARENT_ID_COLUMN, STRING);
      table.addNamed(INDEX_COLUMN, INTEGER);
      this.children[name] = table;
    }
    return table;
  }

  private rawAdded = false;

  /** Records `_raw` (the object's JSON, read as text) after the first object's fields, where a reader finds it. */
  addRaw(): void {
    if (this.rawAdded) return;
    this.main.addNamed(RAW_COLUMN, STRING);
    this.rawAdded = true;
  }

  /** Records a row built by the row-object path (its `_raw` holds the JSON text). */
  addRow(table: TableColumns, row: FlatRow): void {
    for (const [name, value] of Object.entries(row)) table.addNamed(name, kindOf(value));
  }
}

/** Bounds the shared key cache: free-form keys (metadata) must not grow it without limit. */
const MAX_CACHED_PATHS = 20_000;
let cachedPaths = 0;
const root: PathNode = { column: '', head: '', next: undefined, id: -1 };
const childRoot: PathNode = { column: '', head: '', next: undefined, id: -1 };
const PARENT_HEAD = `{${JSON.stringify(PARENT_ID_COLUMN)}:`;
const INDEX_HEAD = `,${JSON.stringify(INDEX_COLUMN)}:`;
const RAW_HEAD = `${JSON.stringify(RAW_COLUMN)}:`;

function pathOf(parent: PathNode, key: string): PathNode {
  const known = parent.next?.get(key);
  if (known) return known;
  const column = parent.column === '' ? key : `${parent.column}__${key}`;
  const node: PathNode = { column, head: `${JSON.stringify(column)}:`, next: undefined, id: -1 };
  if (cachedPaths < MAX_CACHED_PATHS) {
    node.id = cachedPaths++;
    (parent.next ??= new Map()).set(key, node);
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

/**
 * Appends `,"column":value` fields of `value` under `node` and records their kinds in `table`; lists go to
 * `children` (dropped when it is undefined) with their columns in `schema`.
 */
function walk(
  out: string[],
  children: Record<string, string[]> | undefined,
  node: PathNode,
  value: Record<string, unknown>,
  parentIdJson: string,
  table: TableColumns,
  schema: FlatSchema,
): void {
  const topLevel = node.column === '';
  for (const key of Object.keys(value)) {
    if (unusualKey(key, topLevel)) throw UNUSUAL;
    const inner = value[key];
    const path = pathOf(node, key);
    if (inner === null || inner === undefined) {
      out.push(path.head + 'null');
      table.add(path, NULL);
      continue;
    }
    const kind = typeof inner;
    if (kind !== 'object') {
      out.push(path.head + JSON.stringify(inner));
      table.add(path, kindOf(inner));
      continue;
    }
    const items = childItems(inner);
    if (items) {
      if (!children) continue;
      const rows = (children[path.column] ??= []);
      const childTable = schema.child(path.column);
      for (let index = 0; index < items.length; index++) {
        const fields: string[] = [];
        walk(fields, undefined, childRoot, items[index]!, parentIdJson, childTable, schema);
        rows.push(PARENT_HEAD + parentIdJson + INDEX_HEAD + index + (fields.length > 0 ? ',' + fields.join(',') : '') + '}');
      }
    } else if (Array.isArray(inner)) {
      out.push(path.head + JSON.stringify(JSON.stringify(inner)));
      table.add(path, STRING);
    } else walk(out, children, path, inner as Record<string, unknown>, parentIdJson, table, schema);
  }
}

/** A row object as one JSON line, with `raw` (JSON text) written as the value of `_raw`. */
function rowLine(row: FlatRow, raw: string | undefined): string {
  const fields = Object.entries(row).map(([name, value]) => JSON.stringify(name) + ':' + (raw !== undefined && name === RAW_COLUMN ? raw : JSON.stringify(value)));
  return '{' + fields.join(',') + '}';
}

/**
 * The flattened row of `object` as one JSON line, and each child row as one line, with the fields of
 * `flattenStripeObject`'s rows in their order. `_raw` is the object's JSON written as a value, not as an
 * escaped string (the warehouse reads it as text: escaping it cost as much as the rest of the row);
 * `raw` is that JSON text when the caller already has it. The columns are recorded in `schema`.
 */
export function flattenToJson(object: Record<string, unknown>, schema: FlatSchema = new FlatSchema(), raw: string = JSON.stringify(object)): FlatJson {
  const children: Record<string, string[]> = {};
  const fields: string[] = [];
  try {
    walk(fields, children, root, object, JSON.stringify(String(object['id'])), schema.main, schema);
  } catch (err) {
    if (err !== UNUSUAL) throw err;
    const flat = flattenStripeObject(object);
    schema.addRow(schema.main, flat.row);
    const childLines: Record<string, string[]> = {};
    for (const [name, rows] of Object.entries(flat.children)) {
      const table = schema.child(name);
      childLines[name] = rows.map((row) => {
        schema.addRow(table, row);
        return rowLine(row, undefined);
      });
    }
    return { line: rowLine(flat.row, raw), children: childLines };
  }
  fields.push(RAW_HEAD + raw);
  schema.addRaw();
  return { line: '{' + fields.join(',') + '}', children };
}
