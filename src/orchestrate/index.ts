// Does: runs pipelines: ingest → build (models and tests in DAG order) → summary of rows, tests and KPIs.
// Does not: run SQL of its own beyond reading counts and KPIs, or start the systems sources live in.
export { runPipeline, type RunPipelineOptions, type PipelineResult, type PipelineStep, type PipelineTests } from './run-pipeline.js';
export { headlineKpis, HEADLINE_KPIS_SQL, type HeadlineKpis } from './headline-kpis.js';
export { layerRowCounts, PIPELINE_LAYERS, type LayerRows } from './layer-row-counts.js';
export { pipelineSummaryText } from './pipeline-summary-text.js';
