// Does: reads dbt's `quoting:` settings (project, source, source table, model config) into one policy per node.
// Does not: quote anything itself; relations apply the policy when they render (see relation.ts).

/** Which parts of a relation name render quoted. */
export interface QuotePolicy {
  database: boolean;
  schema: boolean;
  identifier: boolean;
}

const PARTS = ['database', 'schema', 'identifier'] as const;

/** Quoting of every part, dbt's default. */
export const QUOTE_ALL: Readonly<QuotePolicy> = Object.freeze({ database: true, schema: true, identifier: true });

function flag(value: unknown): boolean {
  if (typeof value === 'string') return !/^(false|no|off|0)$/i.test(value.trim());
  return Boolean(value);
}

/**
 * The policy `quoting:` mappings give, later ones overriding earlier ones part by part (dbt: project, then
 * source, then table; or project, then the model's config). Parts none of them sets stay quoted, dbt's default;
 * null when no layer sets any part, which renders every part quoted as the dialect does.
 */
export function quotePolicy(...layers: unknown[]): QuotePolicy | null {
  let policy: QuotePolicy | null = null;
  for (const layer of layers) {
    if (layer === null || typeof layer !== 'object') continue;
    for (const part of PARTS) {
      const value = (layer as Record<string, unknown>)[part];
      if (value === undefined || value === null) continue;
      policy ??= { ...QUOTE_ALL };
      policy[part] = flag(value);
    }
  }
  return policy;
}
