// Does: defines the shape of one coded error (message template, hint, exit code).
// Does not: hold the codes themselves; each area lists its own in codes-<area>.ts.

/** Exit codes the CLI returns; one per class of failure so scripts can branch on them. */
export const EXIT = {
  ok: 0,
  failure: 1, // a node, test or check failed
  usage: 2, // bad flags or config
  source: 3, // a source system or warehouse could not be reached
  internal: 70,
} as const;

/** One registered error: `message` and `hint` may hold `{param}` placeholders. */
export interface ErrorSpec {
  readonly message: string;
  readonly hint: string;
  readonly exit: number;
}

/** Fills `{name}` placeholders from params; unknown placeholders are left visible. */
export function formatTemplate(template: string, params: Readonly<Record<string, unknown>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}
