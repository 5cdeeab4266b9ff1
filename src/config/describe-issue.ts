import type { z } from 'zod';
import { closestNames } from './closest-name.js';
import { knownKeysAt } from './schema-keys.js';

/** A zod issue turned into words a person can act on. */
export interface DescribedIssue {
  path: PropertyKey[];
  pathText: string;
  detail: string;
  suggestion: string;
}

/** Renders a key path as `models.shop.+materialized` (array indexes as `[0]`). */
export function formatKeyPath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else text += text ? `.${String(segment)}` : String(segment);
  }
  return text || '(top level)';
}

/** Describes the first zod issue: unknown keys get a "did you mean" from the schema's keys. */
export function describeIssue(issue: z.core.$ZodIssue, schema: z.ZodType): DescribedIssue {
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0] ?? '';
    const path = [...issue.path, key];
    const known = knownKeysAt(schema, issue.path);
    const close = closestNames(key, known, 1)[0];
    const suggestion = close
      ? `Rename \`${key}\` to \`${close}\`.`
      : known.length > 0
        ? `Remove \`${key}\`; accepted keys here: ${known.join(', ')}.`
        : `Remove \`${key}\`.`;
    return {
      path,
      pathText: formatKeyPath(path),
      detail: close ? `unknown key \`${key}\` — did you mean \`${close}\`?` : `unknown key \`${key}\``,
      suggestion,
    };
  }
  const pathText = formatKeyPath(issue.path);
  if (issue.code === 'invalid_value' && 'values' in issue) {
    const options = issue.values.map((v) => JSON.stringify(v));
    const given = typeof issue.input === 'string' ? issue.input : undefined;
    const close = given === undefined ? undefined : closestNames(given, issue.values.map(String), 1)[0];
    const suggestion = close ? `Did you mean "${close}"? Accepted: ${options.join(', ')}.` : `Use one of ${options.join(', ')}.`;
    return { path: issue.path, pathText, detail: `must be one of ${options.join(', ')}`, suggestion };
  }
  if (issue.code === 'invalid_type' && issue.input === undefined) {
    return { path: issue.path, pathText, detail: `is required (expected ${issue.expected})`, suggestion: `Add \`${String(issue.path.at(-1) ?? 'the key')}\`.` };
  }
  return { path: issue.path, pathText, detail: issue.message, suggestion: 'Fix the value at that key.' };
}
