import type { ProjectRuntime } from '../context/project-runtime.js';
import { makeRelation, type Relation } from '../context/relation.js';
import { RenderIo } from '../context/render-io.js';
import { renderContext } from '../context/render-node-context.js';
import { toTransformError } from '../context/template-error.js';

/** Renders a config value or YAML string at parse time (execute=False, no node). */
export function renderForParse(rt: ProjectRuntime, text: string, file: string, packageName: string): string {
  const ctx = renderContext(rt, {
    node: null,
    packageName,
    io: new RenderIo(false),
    execute: false,
    ref: (name) => makeRelation(rt.dialect, null, rt.target.schema, name),
    source: (s, t) => makeRelation(rt.dialect, null, s, t),
  });
  try {
    return rt.env.renderString(text, ctx, file);
  } catch (err) {
    throw toTransformError(err, file, 1);
  }
}

/** Renders a YAML config value to a native value: "True"/"False"/"None" become booleans/null like dbt's native rendering. */
export function renderConfigValue(rt: ProjectRuntime, value: unknown, file: string, packageName: string): unknown {
  if (typeof value === 'string' && value.includes('{')) {
    const out = renderForParse(rt, value, file, packageName).trim();
    if (out === 'True' || out === 'true') return true;
    if (out === 'False' || out === 'false') return false;
    if (out === 'None' || out === '') return null;
    if (/^-?\d+(\.\d+)?$/.test(out)) return Number(out);
    return out;
  }
  if (Array.isArray(value)) return value.map((v) => renderConfigValue(rt, v, file, packageName));
  return value;
}
