// Overview: the four KPI cards, revenue and orders over the period, LTV distribution, top products, categories.
import type { PageSpec } from '../charts/chart-spec.js';
import { barOption, donutOption, histogramOption, timeOption } from '../charts/options.js';

const HEIGHT = 190;

/** The overview page. */
export const overviewPage: PageSpec = {
  path: '/',
  title: 'Overview',
  description: 'Revenue, orders and customers of the selected period.',
  kpis: true,
  charts: [
    {
      id: 'revenue-daily',
      title: 'Revenue per day',
      subtitle: 'Selected period (the last 90 days unless changed)',
      size: 'double',
      height: HEIGHT,
      source: { kind: 'metrics', metrics: ['revenue'], dimensions: ['date:day'], sort: 'date' },
      render: (data) => timeOption(data, [{ metric: 'revenue', type: 'line', area: true }]),
    },
    {
      id: 'revenue-by-category',
      title: 'Revenue by category',
      subtitle: 'Click a slice to filter the page',
      height: HEIGHT,
      source: { kind: 'metrics', metrics: ['revenue'], dimensions: ['category'], sort: '-revenue' },
      clickFilter: 'category',
      render: (data, ctx) => donutOption(data, { dim: 'category', metric: 'revenue', selected: ctx.selected }),
    },
    {
      id: 'top-products',
      title: 'Top 10 products by revenue',
      subtitle: 'Click a bar to filter the page',
      height: HEIGHT,
      source: { kind: 'metrics', metrics: ['revenue'], dimensions: ['product'], sort: '-revenue', limit: 10 },
      clickFilter: 'product',
      render: (data, ctx) => barOption(data, { dim: 'product', metric: 'revenue', horizontal: true, selected: ctx.selected }),
    },
    {
      id: 'ltv-histogram',
      title: 'Customer lifetime value',
      subtitle: 'Customers per lifetime-revenue bin',
      height: HEIGHT,
      source: { kind: 'analysis', name: 'ltv_histogram' },
      render: (data) => histogramOption(data),
    },
    {
      id: 'orders-daily',
      title: 'Orders per day',
      subtitle: 'Paid, shipped or delivered orders',
      height: HEIGHT,
      source: { kind: 'metrics', metrics: ['orders'], dimensions: ['date:day'], sort: 'date' },
      render: (data) => timeOption(data, [{ metric: 'orders', type: 'line', area: true }]),
    },
  ],
};
