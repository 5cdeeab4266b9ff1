import type { DbtSourceProperties } from '../../config/dbt-properties-schema.js';
import { quotePolicy } from '../context/quote-policy.js';
import { mergeConfig } from './merge-config.js';
import { newNode } from './new-node.js';
import type { ManifestNode } from './node-types.js';

/** Creates one source node per table of a `sources:` entry; `render` renders Jinja in schema/identifier/database; `projectQuoting` is dbt_project.yml's `quoting:`. */
export function sourceNodes(
  source: DbtSourceProperties,
  file: string,
  relativeFile: string,
  packageName: string,
  render: (text: string) => string,
  defaultDatabase: string | null,
  projectQuoting?: unknown,
): ManifestNode[] {
  const r = (v: string | null | undefined): string | null => (v === null || v === undefined ? null : v.includes('{') ? render(v).trim() : v);
  return (source.tables ?? []).map((table) => {
    const node = newNode({
      resourceType: 'source',
      uniqueId: `source.${packageName}.${source.name}.${table.name}`,
      name: table.name,
      packageName,
      originalFilePath: relativeFile,
      absolutePath: file,
      path: relativeFile,
      fqn: [packageName, ...relativeFile.split('/').slice(1, -1), source.name, table.name],
      rawCode: '',
    });
    node.sourceName = source.name;
    node.schema = r(source.schema) ?? source.name;
    node.database = r(source.database) ?? defaultDatabase;
    node.identifier = r(table.identifier) ?? table.name;
    node.alias = node.identifier;
    node.quoting = quotePolicy(projectQuoting, source.quoting, table.quoting);
    node.description = table.description ?? '';
    node.loadedAtField = table.loaded_at_field ?? source.loaded_at_field ?? null;
    const tableConfig = (table.config ?? {}) as Record<string, unknown>;
    node.freshness = (table.freshness === undefined ? (tableConfig.freshness as Record<string, unknown> | undefined) ?? source.freshness ?? (source.config?.freshness as Record<string, unknown> | undefined) : table.freshness) ?? null;
    node.config = mergeConfig(mergeConfig({ enabled: true }, source.config ?? {}), tableConfig);
    node.tags = [...new Set([...(source.tags ?? []), ...(Array.isArray(table.tags) ? table.tags : table.tags ? [table.tags] : []), ...((node.config.tags as string[]) ?? [])])];
    node.meta = { ...(source.meta ?? {}), ...(table.meta ?? {}) };
    for (const col of table.columns ?? []) node.columns[col.name] = { name: col.name, description: col.description ?? '', dataType: col.data_type ?? undefined, meta: col.meta ?? {} };
    return node;
  });
}
