// Does: the shape of the headline KPIs a pipeline summary shows, and the reader a caller passes in.
// Does not: compute them: orchestrate runs no SQL; the CLI passes a reader built on the metrics layer.
import type { Warehouse } from '../warehouse/index.js';

/** Headline KPIs in USD, as the summary prints them. */
export interface HeadlineKpis {
  /** Revenue over every order day. */
  revenue: number;
  /** Orders with revenue. */
  orders: number;
  /** revenue / orders. */
  averageOrderValue: number;
  /** Distinct customers with a revenue order in the 30 days up to the last order day. */
  activeCustomers: number;
}

/** Reads the KPIs after a build; null when the project has none (no metric definitions, marts not built). */
export type HeadlineKpisReader = (warehouse: Warehouse) => Promise<HeadlineKpis | null>;
