import type { z } from 'zod';

type AnySchema = z.ZodType;

/** Strips optional/nullable/default/readonly/pipe/lazy wrappers to reach the schema that holds the shape. */
function unwrap(schema: AnySchema): AnySchema {
  let current: AnySchema = schema;
  for (let i = 0; i < 10; i++) {
    const def = (current as unknown as { def: { type: string; innerType?: AnySchema; in?: AnySchema; getter?: () => AnySchema } }).def;
    if (def.innerType) current = def.innerType;
    else if (def.type === 'pipe' && def.in) current = def.in;
    else if (def.type === 'lazy' && def.getter) current = def.getter();
    else return current;
  }
  return current;
}

/** Walks `schema` along `path` and returns the object keys accepted there (empty when unknown). */
export function knownKeysAt(schema: AnySchema, path: readonly PropertyKey[]): string[] {
  let current: AnySchema | undefined = unwrap(schema);
  for (const segment of path) {
    if (!current) return [];
    const def: Record<string, unknown> = (current as unknown as { def: Record<string, unknown> }).def;
    if (def.type === 'object') current = (def.shape as Record<string, AnySchema>)[String(segment)];
    else if (def.type === 'array') current = def.element as AnySchema;
    else if (def.type === 'record') current = def.valueType as AnySchema;
    else if (def.type === 'union') {
      const options = def.options as AnySchema[];
      const found = options.map((o) => knownKeysAt(o, [segment])).find((keys) => keys.length > 0);
      return found && path.length === 1 ? found : [];
    } else return [];
    if (current) current = unwrap(current);
  }
  const def = current ? (current as unknown as { def: Record<string, unknown> }).def : undefined;
  if (def?.type === 'object') return Object.keys(def.shape as Record<string, unknown>);
  if (def?.type === 'union') return (def.options as AnySchema[]).flatMap((o) => knownKeysAt(o, []));
  return [];
}
