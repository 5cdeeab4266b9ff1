// Payments: methods, success rate and refunds.
import type { PageSpec } from '../charts/chart-spec.js';
import { barOption, donutOption, timeOption } from '../charts/options.js';

/** The payments page. */
export const paymentsPage: PageSpec = {
  path: '/payments',
  title: 'Payments',
  description: 'How customers pay, how often payments succeed, and how much is refunded.',
  charts: [
    {
      id: 'method-paid',
      title: 'Amount paid by payment method',
      subtitle: 'Successful payments in USD · click a slice to filter the page',
      source: { kind: 'metrics', metrics: ['paid_usd'], dimensions: ['payment_method'], sort: '-paid_usd' },
      clickFilter: 'payment_method',
      render: (data, ctx) => donutOption(data, { dim: 'payment_method', metric: 'paid_usd', selected: ctx.selected }),
    },
    {
      id: 'method-success-rate',
      title: 'Payment success rate by method',
      subtitle: 'Click a bar to filter the page',
      source: { kind: 'metrics', metrics: ['payment_success_rate'], dimensions: ['payment_method'], sort: '-payment_success_rate' },
      clickFilter: 'payment_method',
      render: (data, ctx) => barOption(data, { dim: 'payment_method', metric: 'payment_success_rate', selected: ctx.selected }),
    },
    {
      id: 'refund-rate-weekly',
      title: 'Refund rate per week',
      subtitle: 'Refunded share of revenue',
      source: { kind: 'metrics', metrics: ['refund_rate'], dimensions: ['date:week'], sort: 'date' },
      render: (data) => timeOption(data, [{ metric: 'refund_rate', type: 'line', area: true }], 'week'),
    },
    {
      id: 'success-rate-weekly',
      size: 'wide',
      title: 'Payment success rate per week',
      source: { kind: 'metrics', metrics: ['payment_success_rate'], dimensions: ['date:week'], sort: 'date' },
      render: (data) => timeOption(data, [{ metric: 'payment_success_rate', type: 'line', scale: true }], 'week'),
    },
  ],
};
