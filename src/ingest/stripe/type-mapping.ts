// Does: flattens a Stripe object into one row (nested objects → `a__b` columns, raw JSON kept in `_raw`)
// plus child rows for its lists (`refunds.data` → `<stream>__refunds`). Does not: write files.

/** A flat row: scalars only; arrays of scalars as JSON text. */
export type FlatRow = Record<string, string | number | boolean | null>;

/** One object as a row and its child rows by child table suffix. */
export interface FlattenedObject {
  row: FlatRow;
  children: Record<string, FlatRow[]>;
}

/** Column holding the object's original JSON. */
export const RAW_COLUMN = '_raw';
/** Child rows point at their parent with these columns. */
export const PARENT_ID_COLUMN = '_mercator_parent_id';
/** Position of a child row in its parent's list. */
export const INDEX_COLUMN = '_mercator_index';

/** True for a JSON object (not an array, not null). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A Stripe list object (`{ object: 'list', data: [...] }`) or a plain array of objects becomes a child table. */
export function childItems(value: unknown): Record<string, unknown>[] | undefined {
  if (isPlainObject(value) && value['object'] === 'list' && Array.isArray(value['data'])) return value['data'].filter(isPlainObject);
  if (Array.isArray(value) && value.length > 0 && value.every(isPlainObject)) return value as Record<string, unknown>[];
  return undefined;
}

function flattenInto(row: FlatRow, children: Record<string, FlatRow[]>, prefix: string, value: Record<string, unknown>, parentId: string): void {
  for (const [key, inner] of Object.entries(value)) {
    const column = prefix ? `${prefix}__${key}` : key;
    const items = childItems(inner);
    if (items) {
      const rows = (children[column] ??= []);
      items.forEach((item, index) => {
        const child: FlatRow = { [PARENT_ID_COLUMN]: parentId, [INDEX_COLUMN]: index };
        flattenInto(child, {}, '', item, parentId);
        rows.push(child);
      });
    } else if (isPlainObject(inner)) flattenInto(row, children, column, inner, parentId);
    else if (Array.isArray(inner)) row[column] = JSON.stringify(inner);
    else row[column] = inner === undefined ? null : (inner as string | number | boolean | null);
  }
}

/** Flattens one API object; its `id` links child rows back to it. */
export function flattenStripeObject(object: Record<string, unknown>): FlattenedObject {
  const row: FlatRow = {};
  const children: Record<string, FlatRow[]> = {};
  flattenInto(row, children, '', object, String(object['id']));
  row[RAW_COLUMN] = JSON.stringify(object);
  return { row, children };
}
