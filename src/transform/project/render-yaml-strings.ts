import { MercatorError } from '../../errors/index.js';

const ENV_VAR = /\{\{\s*env_var\(\s*['"]([^'"]+)['"]\s*(?:,\s*['"]([^'"]*)['"]\s*)?\)\s*(\|\s*(?:int|as_number|as_bool|as_text)\s*)?\}\}/g;

/**
 * Renders `{{ env_var('X', 'default') }}` (optionally `| int`, `| as_number`, `| as_bool`) in every string of a YAML value.
 * profiles.yml is rendered before any Jinja engine exists for the project, so only env_var is understood here.
 */
export function renderYamlStrings(value: unknown, env: Readonly<Record<string, string | undefined>>, file: string): unknown {
  if (typeof value === 'string') {
    let cast: string | undefined;
    const text = value.replace(ENV_VAR, (_m, name: string, fallback: string | undefined, filter: string | undefined) => {
      const found = env[name] ?? fallback;
      if (found === undefined) throw new MercatorError('TRANSFORM_ENV_VAR_MISSING', { name, where: file });
      if (filter) cast = filter.replace(/[|\s]/g, '');
      return found;
    });
    if (cast === 'int' || cast === 'as_number') return Number(text);
    if (cast === 'as_bool') return text.toLowerCase() === 'true';
    return text;
  }
  if (Array.isArray(value)) return value.map((v) => renderYamlStrings(v, env, file));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, renderYamlStrings(v, env, file)]));
  }
  return value;
}
