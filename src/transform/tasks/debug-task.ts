import { resolve } from 'node:path';
import type { Logger } from '../../log/index.js';
import { loadProjectTree } from '../project/load-project.js';
import { resolveTarget } from '../project/load-profile.js';
import { openTargetWarehouse } from './open-target-warehouse.js';

/** `debug`: checks dbt_project.yml, profiles.yml and the connection, one line each; returns whether all passed. */
export async function debugProject(o: { projectDir: string; profilesDir?: string; target?: string; env: Readonly<Record<string, string | undefined>>; logger: Logger }): Promise<boolean> {
  const ok = (message: string): void => o.logger.emit({ type: 'DebugCheck', level: 'info', message: `  ${message} [OK]` });
  const fail = (message: string, err: unknown): false => {
    o.logger.emit({ type: 'DebugCheck', level: 'error', message: `  ${message} [ERROR] ${err instanceof Error ? err.message : String(err)}` });
    return false;
  };
  const projectDir = resolve(o.projectDir);
  let tree;
  try {
    tree = loadProjectTree(projectDir);
    ok(`dbt_project.yml file (project ${tree.root.name}, ${tree.packages.length - 1} packages)`);
  } catch (err) {
    return fail('dbt_project.yml file', err);
  }
  let target;
  try {
    target = resolveTarget({ profilesDir: o.profilesDir, projectDir, profileName: tree.root.file.profile ?? tree.root.name, target: o.target, env: o.env });
    ok(`profiles.yml (profile ${target.profileName}, target ${target.targetName}, type ${target.type}, schema ${target.schema})`);
  } catch (err) {
    return fail('profiles.yml', err);
  }
  try {
    const wh = await openTargetWarehouse(target, projectDir);
    try {
      await wh.query('select 1 as ok');
    } finally {
      await wh.close();
    }
    ok('Connection test');
  } catch (err) {
    return fail('Connection test', err);
  }
  o.logger.emit({ type: 'DebugCheck', level: 'info', message: 'All checks passed!' });
  return true;
}
