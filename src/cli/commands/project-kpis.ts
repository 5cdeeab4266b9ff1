// Does: the headline-KPI reader a pipeline run gets: the project's metric definitions (metrics.yml), so the
// run summary and the dashboard compute each number the same way. Does not: run anything itself.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { HeadlineKpisReader } from '../../orchestrate/index.js';

/**
 * The reader for the project in `projectDir`, or undefined when it has no metrics.yml (the summary then
 * shows no KPIs). Loads and checks metrics.yml now, so a mistake in it is reported before a long run.
 */
export async function projectKpisReader(projectDir: string): Promise<HeadlineKpisReader | undefined> {
  const metrics = await import('../../metrics/index.js');
  if (!existsSync(join(projectDir, metrics.METRICS_FILE))) return undefined;
  const layer = metrics.loadMetricLayer(projectDir);
  return (warehouse) => metrics.summaryKpis(warehouse, layer);
}
