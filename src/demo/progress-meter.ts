import type { Logger } from '../log/index.js';

/** Throttled status-line progress such as `orders 45,000/100,000 12,000 rows/s`. */
export class ProgressMeter {
  private readonly started: number;
  private lastShown = 0;

  constructor(
    private readonly logger: Logger,
    private readonly label: string,
    private readonly total: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.started = this.now();
  }

  /** Reports `done` rows; repaints at most ten times a second. */
  update(done: number, rowsForRate = done): void {
    const t = this.now();
    if (t - this.lastShown < 100 && done < this.total) return;
    this.lastShown = t;
    const rate = rowsForRate / Math.max(0.001, (t - this.started) / 1000);
    this.logger.status(`${this.label} ${done.toLocaleString('en-US')}/${this.total.toLocaleString('en-US')} ${Math.round(rate).toLocaleString('en-US')} rows/s`);
  }

  /** Seconds since the meter started. */
  elapsedSeconds(): number {
    return (this.now() - this.started) / 1000;
  }

  /** Clears the status line. */
  done(): void {
    this.logger.clearStatus();
  }
}
