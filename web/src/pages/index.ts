// The pages of the dashboard, in nav-bar order.
import type { PageSpec } from '../charts/chart-spec.js';
import { customersPage } from './customers.js';
import { funnelPage } from './funnel.js';
import { geographyPage } from './geography.js';
import { marketingPage } from './marketing.js';
import { operationsPage } from './operations.js';
import { overviewPage } from './overview.js';
import { paymentsPage } from './payments.js';
import { productsPage } from './products.js';
import { salesPage } from './sales.js';

/** Every page, in nav-bar order. */
export const PAGES: readonly PageSpec[] = [overviewPage, salesPage, productsPage, geographyPage, customersPage, paymentsPage, marketingPage, funnelPage, operationsPage];

/** The page for a path (a trailing slash is ignored), or undefined. */
export function pageFor(path: string): PageSpec | undefined {
  const normalized = path.length > 1 ? path.replace(/\/+$/, '') : path;
  return PAGES.find((p) => p.path === normalized);
}
