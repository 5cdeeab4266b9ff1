// Products & categories: where revenue comes from, by category and product, and how it moves.
import type { PageSpec } from '../charts/chart-spec.js';
import { barOption } from '../charts/options.js';
import { splitTimeOption } from '../charts/shapes.js';

/** The products page. */
export const productsPage: PageSpec = {
  path: '/products',
  title: 'Products & categories',
  description: 'Revenue and orders by category and product.',
  charts: [
    {
      id: 'category-revenue',
      title: 'Revenue by category',
      subtitle: 'Click a bar to filter the page',
      height: 340,
      source: { kind: 'metrics', metrics: ['revenue'], dimensions: ['category'], sort: '-revenue' },
      clickFilter: 'category',
      render: (data, ctx) => barOption(data, { dim: 'category', metric: 'revenue', horizontal: true, selected: ctx.selected }),
    },
    {
      id: 'category-orders',
      title: 'Orders by category',
      subtitle: 'Click a bar to filter the page',
      height: 340,
      source: { kind: 'metrics', metrics: ['orders'], dimensions: ['category'], sort: '-orders' },
      clickFilter: 'category',
      render: (data, ctx) => barOption(data, { dim: 'category', metric: 'orders', horizontal: true, selected: ctx.selected }),
    },
    {
      id: 'category-aov',
      title: 'Average order value by category',
      height: 340,
      source: { kind: 'metrics', metrics: ['average_order_value'], dimensions: ['category'], sort: '-average_order_value' },
      clickFilter: 'category',
      render: (data, ctx) => barOption(data, { dim: 'category', metric: 'average_order_value', horizontal: true, selected: ctx.selected }),
    },
    {
      id: 'category-revenue-weekly',
      title: 'Revenue per week by category',
      size: 'wide',
      height: 340,
      source: { kind: 'metrics', metrics: ['revenue'], dimensions: ['date:week', 'category'], sort: 'date' },
      render: (data) => splitTimeOption(data, { dim: 'category', metric: 'revenue', grain: 'week', type: 'bar' }),
    },
    {
      id: 'top-products-20',
      size: 'wide',
      title: 'Top 20 products by revenue',
      height: 520,
      source: { kind: 'metrics', metrics: ['revenue'], dimensions: ['product'], sort: '-revenue', limit: 20 },
      clickFilter: 'product',
      render: (data, ctx) => barOption(data, { dim: 'product', metric: 'revenue', horizontal: true, selected: ctx.selected }),
    },
  ],
};
