import { join } from 'node:path';
import { loadYamlFile } from './load-yaml.js';
import { mercatorConfigSchema, type MercatorConfig } from './mercator-config-schema.js';

/** File name of the platform config inside a project folder. */
export const MERCATOR_CONFIG_FILE = 'mercator.yml';

/** Loads and validates `<projectDir>/mercator.yml`; throws CONFIG_* errors naming file, line and key. */
export function loadMercatorConfig(projectDir: string): MercatorConfig {
  return loadYamlFile(join(projectDir, MERCATOR_CONFIG_FILE), mercatorConfigSchema);
}
