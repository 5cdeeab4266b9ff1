import { MercatorError } from '../../errors/index.js';

/** One selector atom such as `2+tag:nightly+` or `@stg_orders`. */
export interface SelectorAtom {
  method: string;
  value: string;
  parents: boolean;
  parentsDepth?: number;
  children: boolean;
  childrenDepth?: number;
  /** `@model`: the model, its descendants and all their ancestors. */
  childrensParents: boolean;
}

/** Union (space) of intersections (comma) of atoms, as dbt reads `--select`. */
export type SelectorExpr = SelectorAtom[][];

const ATOM = /^(@)?(?:(\d*)\+)?([^+]+?)(?:\+(\d*))?$/;

/** Parses one atom; throws TRANSFORM_SELECTOR_INVALID on an unreadable one. */
export function parseAtom(text: string): SelectorAtom {
  const m = ATOM.exec(text);
  if (!m) throw new MercatorError('TRANSFORM_SELECTOR_INVALID', { selector: text, detail: 'expected [@][n+]method:value[+n]' });
  const [, at, parentDepth, body, childDepth] = m;
  const colon = body!.indexOf(':');
  const method = colon > 0 && !/^[a-zA-Z]:[\\/]/.test(body!) ? body!.slice(0, colon) : 'default';
  const value = colon > 0 && method !== 'default' ? body!.slice(colon + 1) : body!;
  if (at && (parentDepth !== undefined || m[0].startsWith('+'))) throw new MercatorError('TRANSFORM_SELECTOR_INVALID', { selector: text, detail: '@ cannot be combined with a leading +' });
  return {
    method,
    value,
    parents: parentDepth !== undefined,
    parentsDepth: parentDepth ? Number(parentDepth) : undefined,
    children: childDepth !== undefined,
    childrenDepth: childDepth ? Number(childDepth) : undefined,
    childrensParents: Boolean(at),
  };
}

/** Parses `--select` words (each may hold spaces): space-separated union, comma-separated intersection. */
export function parseSelector(words: readonly string[]): SelectorExpr {
  return words
    .flatMap((w) => w.split(/\s+/))
    .filter((w) => w.length > 0)
    .map((w) => w.split(',').filter(Boolean).map(parseAtom));
}
