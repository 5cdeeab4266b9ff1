import { createHash } from 'node:crypto';
import type { ManifestNode } from './node-types.js';

/** A short stable hash (md5 hex, first `length` chars), used for checksums and test ids. */
export function shortHash(text: string, length = 10): string {
  return createHash('md5').update(text).digest('hex').slice(0, length);
}

/** Fields a parser knows when it meets a node (id and line offset optional); the rest get empty defaults. */
export type NewNodeFields = Pick<ManifestNode, 'resourceType' | 'name' | 'packageName' | 'originalFilePath' | 'absolutePath' | 'path' | 'fqn' | 'rawCode'>
  & Partial<Pick<ManifestNode, 'uniqueId' | 'lineOffset'>>;

/** Creates a node with dbt's id scheme (`model.shop.stg_orders`) and empty config, docs and dependencies. */
export function newNode(f: NewNodeFields): ManifestNode {
  return {
    uniqueId: f.uniqueId ?? `${f.resourceType}.${f.packageName}.${f.name}`,
    resourceType: f.resourceType,
    name: f.name,
    packageName: f.packageName,
    originalFilePath: f.originalFilePath,
    absolutePath: f.absolutePath,
    path: f.path,
    fqn: f.fqn,
    rawCode: f.rawCode,
    lineOffset: f.lineOffset ?? 1,
    config: {},
    tags: [],
    description: '',
    columns: {},
    meta: {},
    dependsOn: { nodes: [], macros: [] },
    refs: [],
    sources: [],
    database: null,
    schema: '',
    alias: f.name,
    quoting: null,
    checksum: shortHash(f.rawCode, 32),
  };
}

/** fqn of a file node: package, the folders under its resource path, then the name. */
export function fileFqn(packageName: string, relativePath: string, name: string): string[] {
  const folders = relativePath.split('/').slice(0, -1);
  return [packageName, ...folders, name];
}
