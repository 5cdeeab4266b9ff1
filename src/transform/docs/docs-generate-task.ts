import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { manifestJson } from '../artifacts/manifest-json.js';
import { loadProjectTree } from '../project/load-project.js';
import { resolveTarget } from '../project/load-profile.js';
import { openTargetWarehouse } from '../tasks/open-target-warehouse.js';
import { runTransformTask } from '../tasks/run-transform-task.js';
import type { TransformTaskOptions } from '../tasks/task-options.js';
import { catalogJson } from './catalog-json.js';
import { docsSiteHtml } from './docs-site.js';

const replacer = (_k: string, v: unknown): unknown => (typeof v === 'bigint' ? v.toString() : v);

/** `docs generate`: writes target/manifest.json, target/catalog.json and target/index.html (the static docs site). */
export async function runDocsGenerate(o: TransformTaskOptions): Promise<{ indexFile: string; catalog: Record<string, unknown> }> {
  const projectDir = resolve(o.projectDir);
  const tree = loadProjectTree(projectDir);
  const wh = o.warehouse ?? (await openTargetWarehouse(resolveTarget({ profilesDir: o.profilesDir, projectDir, profileName: tree.root.file.profile ?? tree.root.name, target: o.target, env: o.env }), projectDir));
  try {
    const { project } = await runTransformTask('parse', { ...o, warehouse: wh });
    const catalog = await catalogJson(project, wh);
    const manifest = manifestJson(project);
    const dir = resolve(projectDir, tree.root.file['target-path'] ?? 'target');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'catalog.json'), JSON.stringify(catalog, replacer));
    const indexFile = join(dir, 'index.html');
    writeFileSync(indexFile, docsSiteHtml(manifest, catalog));
    o.logger.emit({ type: 'DocsGenerated', level: 'info', message: `Catalog written to ${join(dir, 'catalog.json')}; docs site: ${indexFile}`, data: { index: indexFile } });
    return { indexFile, catalog };
  } finally {
    if (!o.warehouse) await wh.close();
  }
}
