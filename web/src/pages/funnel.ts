// Funnel: sessions → product view → cart → checkout → purchase.
import type { PageSpec } from '../charts/chart-spec.js';
import { loadExtraCharts } from '../charts/echarts.js';
import { timeOption } from '../charts/options.js';
import { funnelOption } from '../charts/shapes.js';

/** The funnel page. */
export const funnelPage: PageSpec = {
  path: '/funnel',
  title: 'Funnel',
  description: 'How many sessions reach each step on the way to a purchase.',
  charts: [
    {
      id: 'purchase-funnel',
      title: 'Purchase funnel',
      subtitle: 'Sessions of the selected period reaching each step',
      size: 'wide',
      height: 360,
      source: { kind: 'analysis', name: 'funnel' },
      prepare: loadExtraCharts,
      render: (data) => funnelOption(data),
    },
    {
      id: 'conversion-daily',
      title: 'Sessions and conversion rate per day',
      subtitle: 'Bars: sessions · line: share of sessions that end in a purchase',
      size: 'wide',
      source: { kind: 'metrics', metrics: ['sessions', 'conversion_rate'], dimensions: ['date:day'], sort: 'date' },
      render: (data) =>
        timeOption(data, [
          { metric: 'sessions', type: 'bar' },
          { metric: 'conversion_rate', type: 'line', axis: 1 },
        ]),
    },
  ],
};
