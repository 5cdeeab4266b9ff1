// Does: the manifest data model shared by parsing, compiling, the graph and the runner.
// Does not: parse or render anything.
import type { QuotePolicy } from '../context/quote-policy.js';

/** The kinds of node a project holds. */
export type ResourceType = 'model' | 'seed' | 'test' | 'snapshot' | 'source' | 'macro' | 'unit_test' | 'operation';

/** A node's merged config (dbt_project.yml folders < properties yml < config() in the file); open like dbt's. */
export type NodeConfig = Record<string, unknown> & {
  enabled?: boolean;
  materialized?: string;
  schema?: string | null;
  alias?: string | null;
  database?: string | null;
  tags?: string[];
  meta?: Record<string, unknown>;
};

/** A column as declared in properties. */
export interface ColumnDoc {
  name: string;
  description: string;
  dataType?: string;
  meta: Record<string, unknown>;
}

/** Metadata of a generic test instance. */
export interface TestMetadata {
  name: string;
  namespace: string | null;
  kwargs: Record<string, unknown>;
  columnName: string | null;
  attachedNode: string | null;
}

/** Any node with SQL or data: model, seed, test, snapshot, source, unit test. */
export interface ManifestNode {
  uniqueId: string;
  resourceType: ResourceType;
  name: string;
  packageName: string;
  /** Path relative to the package root, with forward slashes. */
  originalFilePath: string;
  /** Absolute path of the file the node came from. */
  absolutePath: string;
  /** Path relative to the resource folder (models/…), used by `path:` selectors and target/compiled. */
  path: string;
  fqn: string[];
  rawCode: string;
  /** Line of the node's first raw line within its file (for blocks inside a larger file). */
  lineOffset: number;
  config: NodeConfig;
  tags: string[];
  description: string;
  columns: Record<string, ColumnDoc>;
  meta: Record<string, unknown>;
  dependsOn: { nodes: string[]; macros: string[] };
  refs: Array<{ name: string; package: string | null }>;
  sources: Array<[string, string]>;
  database: string | null;
  schema: string;
  alias: string;
  /** Which parts of the node's relation render quoted (dbt's `quoting:`); null quotes every part. */
  quoting: QuotePolicy | null;
  /** Generic test details, for tests built from YAML. */
  testMetadata?: TestMetadata;
  /** Sources only. */
  sourceName?: string;
  identifier?: string;
  loadedAtField?: string | null;
  freshness?: Record<string, unknown> | null;
  /** Unit tests only: the YAML entry and the model it tests. */
  unitTest?: Record<string, unknown>;
  testedNode?: string;
  /** Seeds only: absolute CSV path. */
  seedFile?: string;
  /** The properties file that documented the node. */
  patchPath?: string;
  checksum: string;
}

/** One macro of the project or a package. */
export interface MacroEntry {
  uniqueId: string;
  name: string;
  packageName: string;
  /** Absolute file path of the macro file. */
  file: string;
}

/** The parsed project: every node, macro and the project facts compile needs. */
export interface Manifest {
  projectName: string;
  nodes: Map<string, ManifestNode>;
  sources: Map<string, ManifestNode>;
  macros: Map<string, MacroEntry>;
  /** Child ids per node id (parents are in dependsOn.nodes). */
  childMap: Map<string, string[]>;
  onRunStart: string[];
  onRunEnd: string[];
  /** Warnings collected while parsing (versions ignored, disabled refs…). */
  warnings: string[];
}
