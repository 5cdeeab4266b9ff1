import type { DbtUnitTestProperties } from '../../config/dbt-properties-schema.js';
import { newNode } from './new-node.js';
import type { Manifest, ManifestNode } from './node-types.js';

/** Creates unit test nodes (`unit_test.<pkg>.<model>.<name>`) for models that exist; they depend on the model's parents. */
export function unitTestNodes(manifest: Manifest, entries: ReadonlyArray<{ unitTest: DbtUnitTestProperties; file: string; relativeFile: string; packageName: string }>): ManifestNode[] {
  const out: ManifestNode[] = [];
  for (const { unitTest, file, relativeFile, packageName } of entries) {
    const model = [...manifest.nodes.values()].find((n) => n.resourceType === 'model' && n.name === unitTest.model);
    if (!model) {
      manifest.warnings.push(`${relativeFile}: unit test \`${unitTest.name}\` names model \`${unitTest.model}\`, which does not exist or is disabled; skipped.`);
      continue;
    }
    const node = newNode({
      resourceType: 'unit_test',
      uniqueId: `unit_test.${packageName}.${model.name}.${unitTest.name}`,
      name: unitTest.name,
      packageName,
      originalFilePath: relativeFile,
      absolutePath: file,
      path: relativeFile,
      fqn: [packageName, ...relativeFile.split('/').slice(1, -1), model.name, unitTest.name],
      rawCode: '',
    });
    node.unitTest = { ...unitTest };
    node.config = { enabled: true, tags: [], ...(unitTest.config ?? {}) };
    node.tags = (node.config.tags as string[]) ?? [];
    node.dependsOn.nodes = [...model.dependsOn.nodes];
    node.testMetadata = undefined;
    node.description = unitTest.description ?? '';
    node.testedNode = model.uniqueId;
    out.push(node);
  }
  return out;
}
