import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadYamlFile } from '../../config/load-yaml.js';
import { dbtPackagesSchema, dbtProjectSchema, type DbtProjectFile } from '../../config/dbt-project-schema.js';
import { MercatorError } from '../../errors/index.js';

/** One dbt project on disk (the root project or a local package) with its resolved paths. */
export interface PackageProject {
  name: string;
  root: string;
  file: DbtProjectFile;
  isRoot: boolean;
  modelPaths: string[];
  seedPaths: string[];
  macroPaths: string[];
  snapshotPaths: string[];
  testPaths: string[];
}

/** The root project and its local packages, root first. */
export interface ProjectTree {
  root: PackageProject;
  packages: PackageProject[];
}

function readPackage(dir: string, isRoot: boolean): PackageProject {
  const file = join(dir, 'dbt_project.yml');
  if (!existsSync(file)) throw new MercatorError('TRANSFORM_PROJECT_MISSING', { dir });
  const parsed = loadYamlFile(file, dbtProjectSchema);
  return {
    name: parsed.name,
    root: dir,
    file: parsed,
    isRoot,
    modelPaths: parsed['model-paths'] ?? parsed['source-paths'] ?? ['models'],
    seedPaths: parsed['seed-paths'] ?? parsed['data-paths'] ?? ['seeds'],
    macroPaths: parsed['macro-paths'] ?? ['macros'],
    snapshotPaths: parsed['snapshot-paths'] ?? ['snapshots'],
    testPaths: parsed['test-paths'] ?? ['tests'],
  };
}

/** Reads dbt_project.yml of `projectDir`, every `local:` package of packages.yml / dependencies.yml (recursively) and the packages installed under dbt_packages/. */
export function loadProjectTree(projectDir: string): ProjectTree {
  const root = readPackage(resolve(projectDir), true);
  const packages: PackageProject[] = [root];
  const seen = new Set([root.root]);
  const visit = (pkg: PackageProject): void => {
    for (const name of ['packages.yml', 'dependencies.yml']) {
      const file = join(pkg.root, name);
      if (!existsSync(file)) continue;
      const listed = loadYamlFile(file, dbtPackagesSchema).packages ?? [];
      for (const entry of listed) {
        if (!entry.local) continue;
        const dir = resolve(pkg.root, entry.local);
        if (seen.has(dir)) continue;
        seen.add(dir);
        const child = readPackage(dir, false);
        packages.push(child);
        visit(child);
      }
    }
  };
  visit(root);
  // Packages `dbt deps` installed (hub and git entries) live under packages-install-path; load them as they are.
  const installDir = resolve(root.root, root.file['packages-install-path'] ?? root.file['modules-path'] ?? 'dbt_packages');
  if (existsSync(installDir)) {
    for (const entry of readdirSync(installDir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const dir = join(installDir, entry.name);
      if (!entry.isDirectory() || seen.has(dir) || !existsSync(join(dir, 'dbt_project.yml'))) continue;
      seen.add(dir);
      const child = readPackage(dir, false);
      packages.push(child);
    }
  }
  return { root, packages };
}
