import { loadYamlFile } from '../../config/load-yaml.js';
import { dbtPropertiesSchema, type DbtNodeProperties, type DbtSourceProperties, type DbtUnitTestProperties } from '../../config/dbt-properties-schema.js';

/** A models:/seeds:/snapshots: entry of a properties file, to be patched onto the node of that name. */
export interface PropertyPatch {
  kind: 'models' | 'seeds' | 'snapshots';
  entry: DbtNodeProperties;
  file: string;
  relativeFile: string;
  packageName: string;
}

/** A generic test written in YAML, before it becomes a test node. */
export interface TestSpec {
  /** `models`, `seeds`, `snapshots` name the attached node; `sources` names source + table. */
  attachedKind: 'models' | 'seeds' | 'snapshots' | 'sources';
  attachedName: string;
  sourceName?: string;
  columnName: string | null;
  entry: unknown;
  file: string;
  relativeFile: string;
  packageName: string;
}

/** Everything the properties files of one package declare. */
export interface PackageProperties {
  patches: PropertyPatch[];
  tests: TestSpec[];
  sources: Array<{ source: DbtSourceProperties; file: string; relativeFile: string; packageName: string }>;
  unitTests: Array<{ unitTest: DbtUnitTestProperties; file: string; relativeFile: string; packageName: string }>;
}

const testsOf = (x: { tests?: unknown[] | null; data_tests?: unknown[] | null }): unknown[] => [...(x.data_tests ?? []), ...(x.tests ?? [])];

/** Reads and validates properties files, splitting them into patches, test specs, sources and unit tests. */
export function readProperties(files: ReadonlyArray<{ absolute: string; relative: string }>, packageName: string): PackageProperties {
  const out: PackageProperties = { patches: [], tests: [], sources: [], unitTests: [] };
  for (const { absolute: file, relative: relativeFile } of files) {
    const doc = loadYamlFile(file, dbtPropertiesSchema);
    for (const kind of ['models', 'seeds', 'snapshots'] as const) {
      for (const entry of doc[kind] ?? []) {
        out.patches.push({ kind, entry, file, relativeFile, packageName });
        const base = { attachedKind: kind, attachedName: entry.name, file, relativeFile, packageName };
        for (const t of testsOf(entry)) out.tests.push({ ...base, columnName: null, entry: t });
        for (const col of entry.columns ?? []) for (const t of testsOf(col)) out.tests.push({ ...base, columnName: col.name, entry: t });
      }
    }
    for (const source of doc.sources ?? []) {
      out.sources.push({ source, file, relativeFile, packageName });
      for (const table of source.tables ?? []) {
        const base = { attachedKind: 'sources' as const, attachedName: table.name, sourceName: source.name, file, relativeFile, packageName };
        for (const t of testsOf(table)) out.tests.push({ ...base, columnName: null, entry: t });
        for (const col of table.columns ?? []) for (const t of testsOf(col)) out.tests.push({ ...base, columnName: col.name, entry: t });
      }
    }
    for (const unitTest of doc.unit_tests ?? []) out.unitTests.push({ unitTest, file, relativeFile, packageName });
  }
  return out;
}
