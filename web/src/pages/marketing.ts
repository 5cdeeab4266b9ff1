// Marketing: spend and return on ad spend by channel.
import type { PageSpec } from '../charts/chart-spec.js';
import { barOption } from '../charts/options.js';
import { splitTimeOption, spendRoasOption } from '../charts/shapes.js';

/** The marketing page. */
export const marketingPage: PageSpec = {
  path: '/marketing',
  title: 'Marketing',
  description: 'What each channel costs and what it brings back.',
  charts: [
    {
      id: 'channel-spend-roas',
      size: 'double',
      title: 'Spend and ROAS by channel',
      subtitle: 'Bars: spend · line: revenue per dollar spent · click a bar to filter the page',
      height: 340,
      source: { kind: 'metrics', metrics: ['spend', 'roas'], dimensions: ['channel'], sort: '-spend' },
      clickFilter: 'channel',
      render: (data, ctx) => spendRoasOption(data, ctx.selected, ctx.dark),
    },
    {
      id: 'channel-roas',
      title: 'ROAS by channel',
      height: 340,
      source: { kind: 'metrics', metrics: ['roas'], dimensions: ['channel'], sort: '-roas' },
      clickFilter: 'channel',
      render: (data, ctx) => barOption(data, { dim: 'channel', metric: 'roas', selected: ctx.selected }),
    },
    {
      id: 'channel-spend-weekly',
      size: 'wide',
      title: 'Spend per week by channel',
      source: { kind: 'metrics', metrics: ['spend'], dimensions: ['date:week', 'channel'], sort: 'date' },
      render: (data) => splitTimeOption(data, { dim: 'channel', metric: 'spend', grain: 'week', type: 'bar' }),
    },
  ],
};
