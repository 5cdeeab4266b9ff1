// Does: loads YAML config files and validates them once with zod; errors name file, line, key path and a fix.
// Does not: read config anywhere else, or exit the process (validators throw coded errors).
export { closestNames, editDistance } from './closest-name.js';
export { describeIssue, formatKeyPath, type DescribedIssue } from './describe-issue.js';
export { loadYamlFile, parseYamlSource, parseYamlText, readYamlSource, validateYamlAt, validateYamlSource, deepFreeze, type YamlSource } from './load-yaml.js';
export { knownKeysAt } from './schema-keys.js';
export { mercatorConfigSchema, warehouseRefSchema, type MercatorConfig } from './mercator-config-schema.js';
export { loadMercatorConfig, MERCATOR_CONFIG_FILE } from './load-mercator-config.js';
export { serveConfigSchema, type ServeConfig } from './serve-config-schema.js';
