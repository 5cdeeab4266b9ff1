// Geography: revenue and customers by the customer's country, on a world map and as bars.
import type { PageSpec } from '../charts/chart-spec.js';
import { barOption } from '../charts/options.js';
import { loadWorldMap, worldMapOption } from '../charts/world-map.js';

/** The geography page. */
export const geographyPage: PageSpec = {
  path: '/geography',
  title: 'Geography',
  description: 'Where the customers are and what they spend.',
  charts: [
    {
      id: 'revenue-map',
      size: 'double',
      title: 'Revenue by country',
      subtitle: 'Click a country to filter the page; drag and scroll to move and zoom',
      height: 440,
      source: { kind: 'metrics', metrics: ['revenue'], dimensions: ['country'], sort: '-revenue' },
      clickFilter: 'country',
      prepare: loadWorldMap,
      render: (data, ctx) => worldMapOption(data, 'revenue', ctx.selected, ctx.dark),
    },
    {
      id: 'country-revenue',
      title: 'Revenue by country',
      subtitle: 'Click a bar to filter the page',
      height: 440,
      source: { kind: 'metrics', metrics: ['revenue'], dimensions: ['country'], sort: '-revenue', limit: 20 },
      clickFilter: 'country',
      render: (data, ctx) => barOption(data, { dim: 'country', metric: 'revenue', horizontal: true, selected: ctx.selected }),
    },
    {
      id: 'country-customers',
      title: 'Active customers by country',
      height: 340,
      source: { kind: 'metrics', metrics: ['active_customers'], dimensions: ['country'], sort: '-active_customers', limit: 20 },
      clickFilter: 'country',
      render: (data, ctx) => barOption(data, { dim: 'country', metric: 'active_customers', horizontal: true, selected: ctx.selected }),
    },
    {
      id: 'country-aov',
      size: 'double',
      title: 'Average order value by country',
      source: { kind: 'metrics', metrics: ['average_order_value'], dimensions: ['country'], sort: '-average_order_value', limit: 20 },
      clickFilter: 'country',
      render: (data, ctx) => barOption(data, { dim: 'country', metric: 'average_order_value', selected: ctx.selected }),
    },
  ],
};
