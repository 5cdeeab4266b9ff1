// Customers: cohort retention, segments and lifetime value.
import type { PageSpec } from '../charts/chart-spec.js';
import { loadExtraCharts } from '../charts/echarts.js';
import { barOption, donutOption, histogramOption, timeOption } from '../charts/options.js';
import { cohortOption } from '../charts/shapes.js';

/** The customers page. */
export const customersPage: PageSpec = {
  path: '/customers',
  title: 'Customers',
  description: 'Who comes back, which segments spend, and what a customer is worth.',
  charts: [
    {
      id: 'cohort-retention',
      title: 'Cohort retention',
      subtitle: 'Share of each first-order month’s customers who ordered again N months later',
      size: 'wide',
      height: 420,
      source: { kind: 'analysis', name: 'cohort_retention' },
      prepare: loadExtraCharts,
      render: (data) => cohortOption(data),
    },
    {
      id: 'segment-revenue',
      title: 'Revenue by segment',
      subtitle: 'Click a slice to filter the page',
      source: { kind: 'metrics', metrics: ['revenue'], dimensions: ['segment'], sort: '-revenue' },
      clickFilter: 'segment',
      render: (data, ctx) => donutOption(data, { dim: 'segment', metric: 'revenue', selected: ctx.selected }),
    },
    {
      id: 'segment-customers',
      title: 'Active customers by segment',
      subtitle: 'Click a bar to filter the page',
      source: { kind: 'metrics', metrics: ['active_customers'], dimensions: ['segment'], sort: '-active_customers' },
      clickFilter: 'segment',
      render: (data, ctx) => barOption(data, { dim: 'segment', metric: 'active_customers', selected: ctx.selected }),
    },
    {
      id: 'segment-ltv',
      title: 'Average lifetime value by segment',
      source: { kind: 'metrics', metrics: ['lifetime_value'], dimensions: ['segment'], sort: '-lifetime_value' },
      clickFilter: 'segment',
      render: (data, ctx) => barOption(data, { dim: 'segment', metric: 'lifetime_value', selected: ctx.selected }),
    },
    {
      id: 'customers-ltv-histogram',
      title: 'Customer lifetime value',
      subtitle: 'Customers per lifetime-value bin',
      source: { kind: 'analysis', name: 'ltv_histogram' },
      render: (data) => histogramOption(data),
    },
    {
      id: 'active-customers-weekly',
      size: 'double',
      title: 'Active customers per week',
      source: { kind: 'metrics', metrics: ['active_customers'], dimensions: ['date:week'], sort: 'date' },
      render: (data) => timeOption(data, [{ metric: 'active_customers', type: 'line', area: true }], 'week'),
    },
  ],
};
