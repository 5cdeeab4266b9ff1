import type { Environment, Template } from '../../jinja/index.js';
import type { SqlDialect } from '../../warehouse/warehouse.js';
import type { ResolvedTarget } from '../project/load-profile.js';
import type { MacroIndex } from './macro-index.js';
import type { QuotePolicy } from './quote-policy.js';

/** What rendering any template of a project needs besides the node: engine, macros, target, vars, env. */
export interface ProjectRuntime {
  projectName: string;
  env: Environment;
  macros: MacroIndex;
  /** Parsed node templates by unique id (parsed once, rendered many times). */
  templates: Map<string, Template>;
  dialect: SqlDialect;
  adapterType: string;
  target: ResolvedTarget;
  lookupVar: (name: string, packageName: string) => unknown;
  envVars: Readonly<Record<string, string | undefined>>;
  dispatch: ReadonlyMap<string, readonly string[]>;
  /** dbt_project.yml `quoting:` (null: every part quoted), for adapter.quote_as_configured. */
  quoting?: QuotePolicy | null;
  log: (message: string, info: boolean) => void;
  invocationId: string;
  runStartedAt: Date;
  flags: Record<string, unknown>;
  /**
   * dbt's `graph` once the project is parsed (built on first read, then shared); unset while parsing, when
   * templates see an empty graph (dbt documents it as incomplete during parsing).
   */
  graph?: () => Record<string, unknown>;
  /** Unique ids of the nodes this command selected (`selected_resources`); empty while parsing. */
  selectedResources?: readonly string[];
}
