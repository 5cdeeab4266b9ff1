import { coreCodes } from './codes-core.js';
import { ingestCodes } from './codes-ingest.js';
import { warehouseCodes } from './codes-warehouse.js';
import { transformCodes } from './codes-transform.js';
import { demoCodes } from './codes-demo.js';
import { orchestrateCodes } from './codes-orchestrate.js';
import { metricsCodes } from './codes-metrics.js';
import type { ErrorSpec } from './error-spec.js';

/**
 * Every coded error Mercator raises. Each area keeps its codes in `codes-<area>.ts`;
 * add the file here and document each code in docs/errors.md (a test keeps both in sync).
 */
export const errorRegistry = {
  ...coreCodes,
  ...ingestCodes,
  ...demoCodes,
  ...warehouseCodes,
  ...transformCodes,
  ...orchestrateCodes,
  ...metricsCodes,
} as const satisfies Record<string, ErrorSpec>;

/** A registered error code such as `CONFIG_YAML_SYNTAX`. */
export type ErrorCode = keyof typeof errorRegistry;
