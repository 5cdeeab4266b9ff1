// Sales: monthly revenue and orders year over year, weekly trend, average order value, segments.
import type { ChartContext, PageSpec } from '../charts/chart-spec.js';
import { barOption, timeOption } from '../charts/options.js';
import { yearOverYearOption } from '../charts/shapes.js';
import { addMonths, effectiveRange } from '../filters.js';

/** The selected months and the same months a year before. */
function yearOverYearRange(ctx: ChartContext): { from: string; to: string } | undefined {
  const range = effectiveRange(ctx.filters, ctx.meta.dateBounds);
  if (!range) return undefined;
  return { from: `${addMonths(range.from, -12).slice(0, 7)}-01`, to: range.to };
}

/** The sales page. */
export const salesPage: PageSpec = {
  path: '/sales',
  title: 'Sales',
  description: 'Monthly revenue and orders against the year before.',
  charts: [
    {
      id: 'revenue-monthly-yoy',
      title: 'Monthly revenue, year over year',
      subtitle: 'The selected period’s months next to the same months a year before',
      source: { kind: 'metrics', metrics: ['revenue'], dimensions: ['date:month'], sort: 'date', range: yearOverYearRange },
      render: (data, ctx) => yearOverYearOption(data, 'revenue', effectiveRange(ctx.filters, ctx.meta.dateBounds)!),
    },
    {
      id: 'orders-monthly-yoy',
      title: 'Monthly orders, year over year',
      subtitle: 'The selected period’s months next to the same months a year before',
      source: { kind: 'metrics', metrics: ['orders'], dimensions: ['date:month'], sort: 'date', range: yearOverYearRange },
      render: (data, ctx) => yearOverYearOption(data, 'orders', effectiveRange(ctx.filters, ctx.meta.dateBounds)!),
    },
    {
      id: 'aov-weekly',
      title: 'Average order value per week',
      source: { kind: 'metrics', metrics: ['average_order_value'], dimensions: ['date:week'], sort: 'date' },
      render: (data) => timeOption(data, [{ metric: 'average_order_value', type: 'line', scale: true }], 'week'),
    },
    {
      id: 'revenue-orders-weekly',
      size: 'double',
      title: 'Revenue and orders per week',
      source: { kind: 'metrics', metrics: ['revenue', 'orders'], dimensions: ['date:week'], sort: 'date' },
      render: (data) =>
        timeOption(
          data,
          [
            { metric: 'revenue', type: 'bar' },
            { metric: 'orders', type: 'line', axis: 1 },
          ],
          'week',
        ),
    },
    {
      id: 'revenue-by-segment',
      title: 'Revenue by customer segment',
      subtitle: 'Click a bar to filter the page',
      source: { kind: 'metrics', metrics: ['revenue'], dimensions: ['segment'], sort: '-revenue' },
      clickFilter: 'segment',
      render: (data, ctx) => barOption(data, { dim: 'segment', metric: 'revenue', selected: ctx.selected }),
    },
  ],
};
