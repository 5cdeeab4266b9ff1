// Does: runs pipelines: ingest → freshness → build (models and tests in DAG order) → summary of rows, tests and KPIs,
// recorded in the run history (`_mercator`). Does not: run SQL outside the run-history store, counts and KPIs, or start source systems.
export { runPipeline, type RunPipelineOptions, type PipelineResult, type PipelineStep, type PipelineTests } from './run-pipeline.js';
export type { HeadlineKpis, HeadlineKpisReader } from './headline-kpis.js';
export { layerRowCounts, PIPELINE_LAYERS, type LayerRows } from './layer-row-counts.js';
export { pipelineSummaryText } from './pipeline-summary-text.js';
export { RunHistoryStore, RUN_HISTORY_SCHEMA } from './run-history-store.js';
export type { RunRow, RunStatus, RunNodeRow, RunNodeKind, TestResultRow, TestResultStatus, SourceFreshnessRow } from './run-history.js';
export { parseCron, nextCronRuns, CronSyntaxError, type CronExpression } from './cron-expression.js';
export { loadProjectSchedule, upcomingRuns, scheduleText, formatWallTime, type ProjectSchedule, type UpcomingRun } from './project-schedule.js';
export { sendRunAlert, alertText, type RunAlert, type AlertDelivery, type AlertOptions } from './run-alerts.js';
