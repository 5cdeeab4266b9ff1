import { Kwargs } from '../../jinja/index.js';

/** Splits what a template passed to a JS function into positional args and keyword args. */
export function splitArgs(args: readonly unknown[]): { positional: unknown[]; kwargs: Record<string, unknown> } {
  const last = args[args.length - 1];
  if (last instanceof Kwargs) return { positional: args.slice(0, -1), kwargs: { ...(last.values as Record<string, unknown>) } };
  return { positional: [...args], kwargs: {} };
}

/** Reads parameter `name` at position `index` or from kwargs, with a default. */
export function argAt<T>(parts: { positional: unknown[]; kwargs: Record<string, unknown> }, index: number, name: string, fallback: T): unknown {
  if (parts.positional.length > index) return parts.positional[index];
  if (name in parts.kwargs) return parts.kwargs[name];
  return fallback;
}
