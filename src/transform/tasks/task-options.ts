import type { Logger } from '../../log/index.js';
import type { Warehouse } from '../../warehouse/warehouse.js';

/** The transform commands. */
export type TransformCommand = 'parse' | 'compile' | 'run' | 'test' | 'seed' | 'snapshot' | 'build' | 'ls';

/** Flags of the transform commands, as dbt names them; nothing is read from process globals except `env` passed in. */
export interface TransformTaskOptions {
  projectDir: string;
  profilesDir?: string;
  target?: string;
  /** --vars as a YAML/JSON string or an object. */
  vars?: string | Record<string, unknown>;
  select?: string[];
  exclude?: string[];
  /** ls only: restrict to these resource types. */
  resourceTypes?: string[];
  threads?: number;
  fullRefresh?: boolean;
  failFast?: boolean;
  /** Directory of a previous target/ (manifest.json) for state: selectors. */
  state?: string;
  /** Resolve refs to unselected nodes missing from the target to their relations in --state. */
  defer?: boolean;
  logger: Logger;
  env: Readonly<Record<string, string | undefined>>;
  /** An open warehouse to use instead of opening the profile's (tests pass an in-memory DuckDB). */
  warehouse?: Warehouse;
  /** Write target/ artifacts (default true). */
  writeArtifacts?: boolean;
}
