// One card on a page: title, CSV export, loading / empty / error states, and the chart or table it holds.
import { ApiError, fetchQuery, withQuery } from '../api.js';
import { filterParams, type FilterDimension } from '../filters.js';
import { dimensionLabel } from '../labels.js';
import type { ChartContext, ChartData, ChartSpec } from './chart-spec.js';
import { echarts, type Chart } from './echarts.js';
import { toCsv } from './result.js';

/** What a card asks of the page around it. */
export interface CardHost {
  /** Sets one filter from a chart click (an empty list clears it). */
  setFilter(dim: FilterDimension, values: string[]): void;
}

type CardState = 'loading' | 'ready' | 'empty' | 'error';

/** A card for one ChartSpec. */
export class ChartCard {
  readonly el: HTMLElement;
  private readonly body: HTMLElement;
  private readonly drawing: HTMLElement;
  private readonly status: HTMLElement;
  private readonly note: HTMLElement;
  private readonly csv: HTMLAnchorElement;
  private chart: Chart | undefined;
  private data: ChartData | undefined;
  private ctx: ChartContext | undefined;
  private abort: AbortController | undefined;
  private csvUrl: string | undefined;
  private readonly resize = new ResizeObserver(() => this.chart?.resize());

  constructor(
    readonly spec: ChartSpec,
    private readonly host: CardHost,
  ) {
    this.el = document.createElement('article');
    this.el.className = `card${spec.size && spec.size !== 'normal' ? ` card-${spec.size}` : ''}`;
    this.el.dataset.chart = spec.id;
    const head = document.createElement('header');
    head.className = 'card-head';
    const titles = document.createElement('div');
    const h2 = document.createElement('h2');
    h2.textContent = spec.title;
    titles.append(h2);
    if (spec.subtitle) {
      const sub = document.createElement('p');
      sub.className = 'card-sub';
      sub.textContent = spec.subtitle;
      titles.append(sub);
    }
    this.csv = document.createElement('a');
    this.csv.className = 'csv';
    this.csv.textContent = 'CSV';
    this.csv.title = `Download the rows of “${spec.title}” as CSV`;
    this.csv.setAttribute('download', `${spec.id}.csv`);
    this.csv.setAttribute('aria-disabled', 'true');
    this.csv.addEventListener('click', (event) => this.onCsvClick(event));
    this.note = document.createElement('span');
    this.note.className = 'card-note';
    this.note.hidden = true;
    const actions = document.createElement('div');
    actions.className = 'card-actions';
    actions.append(this.note, this.csv);
    head.append(titles, actions);
    this.body = document.createElement('div');
    this.body.className = 'card-body';
    this.drawing = document.createElement('div');
    this.drawing.className = spec.table ? 'table-wrap' : 'chart';
    if (!spec.table) this.drawing.style.height = `${spec.height ?? 300}px`;
    this.status = document.createElement('div');
    this.status.className = 'card-status';
    this.status.setAttribute('role', 'status');
    this.body.append(this.drawing, this.status);
    this.el.append(head, this.body);
    if (!spec.table) this.resize.observe(this.drawing);
    this.setState('loading', 'Loading…');
  }

  /** Fetches the rows for `ctx` and draws them; `quiet` keeps the current drawing while it loads (auto-refresh). */
  async load(ctx: ChartContext, quiet = false): Promise<void> {
    this.abort?.abort();
    const abort = new AbortController();
    this.abort = abort;
    if (!quiet || !this.data) this.setState('loading', 'Loading…');
    try {
      const [data] = await Promise.all([this.fetch(ctx, abort.signal), this.spec.prepare?.()]);
      if (abort.signal.aborted) return;
      this.data = data;
      this.draw(ctx);
    } catch (error) {
      if (abort.signal.aborted || (error instanceof DOMException && error.name === 'AbortError')) return;
      this.data = undefined;
      this.disposeChart();
      this.drawing.replaceChildren();
      this.setState('error', friendlyMessage(error));
    }
  }

  /** Draws the held rows again (after a theme change). */
  redraw(ctx: ChartContext): void {
    if (!this.data) return;
    this.disposeChart();
    this.draw(ctx);
  }

  /** Stops loading and frees the chart. */
  dispose(): void {
    this.abort?.abort();
    this.resize.disconnect();
    this.disposeChart();
    if (this.csvUrl?.startsWith('blob:')) URL.revokeObjectURL(this.csvUrl);
  }

  private async fetch(ctx: ChartContext, signal: AbortSignal): Promise<ChartData> {
    const source = this.spec.source;
    if (source.kind === 'load') {
      const data = await source.load(ctx, signal);
      this.setCsvBlob(data);
      return data;
    }
    const params = filterParams(ctx.filters, this.spec.clickFilter ? [this.spec.clickFilter] : []);
    let path: string;
    if (source.kind === 'metrics') {
      path = '/api/metrics';
      params.set('metrics', source.metrics.join(','));
      if (source.dimensions?.length) params.set('dimensions', source.dimensions.join(','));
      if (source.sort) params.set('sort', source.sort);
      if (source.limit) params.set('limit', String(source.limit));
      const range = source.range?.(ctx);
      if (range) {
        params.set('from', range.from);
        params.set('to', range.to);
      }
    } else {
      path = `/api/analysis/${source.name}`;
    }
    const data = await fetchQuery(path, params, signal);
    this.setCsvHref(withQuery(`${path}.csv`, params));
    return data;
  }

  private draw(ctx: ChartContext): void {
    const data = this.data!;
    this.ctx = ctx;
    const ignored = data.ignoredFilters ?? [];
    this.note.hidden = ignored.length === 0;
    const names = ignored.map((f) => (f === 'date' ? 'date range' : dimensionLabel(f).toLowerCase())).join(', ');
    this.note.textContent = ignored.length ? `Ignores ${names}` : '';
    this.note.title = ignored.length ? `This data cannot be sliced by ${names}, so that filter does not apply to this chart.` : '';
    if (data.rows.length === 0) {
      this.disposeChart();
      this.drawing.replaceChildren();
      this.setState('empty', this.spec.emptyMessage ?? 'No data for these filters.');
      return;
    }
    try {
      if (this.spec.table) {
        this.drawing.replaceChildren(this.spec.table(data, ctx));
      } else if (this.spec.render) {
        const option = this.spec.render(data, ctx);
        if (!this.chart) {
          this.chart = echarts.init(this.drawing, ctx.dark ? 'dark' : undefined, { renderer: 'canvas' });
          this.chart.on('click', (params) => this.onChartClick(params as ClickParams));
        }
        this.chart.setOption(option, { notMerge: true, lazyUpdate: false });
      }
      this.setState('ready', '');
    } catch (error) {
      this.disposeChart();
      this.setState('error', friendlyMessage(error));
    }
  }

  private onChartClick(params: ClickParams): void {
    const dim = this.spec.clickFilter;
    if (!dim) return;
    const key = params.data && typeof params.data === 'object' && 'key' in params.data ? params.data.key : params.name;
    if (typeof key !== 'string' || key === '') return;
    const selected = this.ctx?.selected ?? [];
    // A second click on the only selected item clears the filter.
    this.host.setFilter(dim, selected.length === 1 && selected[0] === key ? [] : [key]);
  }

  private onCsvClick(event: MouseEvent): void {
    if (!this.csvUrl) event.preventDefault();
  }

  private setCsvHref(url: string): void {
    if (this.csvUrl?.startsWith('blob:')) URL.revokeObjectURL(this.csvUrl);
    this.csvUrl = url;
    this.csv.href = url;
    this.csv.removeAttribute('aria-disabled');
  }

  private setCsvBlob(data: ChartData): void {
    this.setCsvHref(URL.createObjectURL(new Blob([toCsv(data)], { type: 'text/csv' })));
  }

  private setState(state: CardState, message: string): void {
    this.el.dataset.state = state;
    this.status.textContent = message;
    this.status.className = `card-status card-status-${state}`;
    this.status.hidden = state === 'ready';
  }

  private disposeChart(): void {
    this.chart?.dispose();
    this.chart = undefined;
  }
}

interface ClickParams {
  name?: string;
  data?: unknown;
}

/** A message a reader can act on; internal errors are not shown as they are. */
function friendlyMessage(error: unknown): string {
  if (error instanceof ApiError) return error.hint ? `${error.message} ${error.hint}` : error.message;
  return 'This chart could not be drawn from the data the server sent.';
}
