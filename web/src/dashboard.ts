// The dashboard's controller: routes paths to pages, keeps filters in the URL, loads charts and KPIs, refreshes.
import { ApiError, fetchKpis, fetchMeta } from './api.js';
import type { Bootstrap, Kpis, Meta } from './api-types.js';
import { ChartCard } from './charts/chart-card.js';
import type { ChartContext, PageSpec } from './charts/chart-spec.js';
import { FilterBar } from './filter-bar.js';
import { filterParams, filtersToSearch, parseFilters, sameFilters, withValues, type FilterDimension, type Filters } from './filters.js';
import { formatTimestamp } from './format.js';
import { periodCaption, renderKpis } from './kpis.js';
import { pageFor, PAGES } from './pages/index.js';

const DEFAULT_REFRESH_SECONDS = 300;

/** Elements of index.html the dashboard fills. */
export interface DashboardElements {
  main: HTMLElement;
  filterForm: HTMLFormElement;
  asOf: HTMLElement;
  nav: HTMLElement;
}

/** The running dashboard. */
export class Dashboard {
  private meta: Meta | undefined;
  private filters: Filters;
  private page: PageSpec;
  private cards: ChartCard[] = [];
  private kpiGrid: HTMLElement | undefined;
  private kpiCaption: HTMLElement | undefined;
  private kpiAbort: AbortController | undefined;
  private readonly filterBar: FilterBar;
  private readonly darkQuery = window.matchMedia('(prefers-color-scheme: dark)');
  private refreshTimer: number | undefined;
  private refreshDue = false;
  private refreshes = 0;

  constructor(
    private readonly el: DashboardElements,
    private readonly bootstrap: Bootstrap,
  ) {
    this.filters = parseFilters(location.search);
    this.page = pageFor(location.pathname) ?? PAGES[0]!;
    this.filterBar = new FilterBar(el.filterForm, (filters) => this.setFilters(filters));
  }

  /** Reads meta (from the page or the API), draws the current page and starts listening. */
  async start(): Promise<void> {
    this.interceptNav();
    // The address bar shows the filters as the page reads them (bad dates and unknown parameters dropped).
    const canonical = filtersToSearch(this.filters);
    if (canonical !== location.search) history.replaceState(null, '', `${location.pathname}${canonical}`);
    window.addEventListener('popstate', () => this.onLocationChange());
    this.darkQuery.addEventListener('change', () => this.redraw());
    document.addEventListener('visibilitychange', () => {
      if (!document.hidden && this.refreshDue) void this.refresh();
    });
    const serverKpis = this.bootstrap.kpis;
    this.renderPage(serverKpis);
    try {
      this.meta = this.bootstrap.meta ?? (await fetchMeta());
    } catch (error) {
      this.showFatal(error);
      return;
    }
    this.setAsOf(this.bootstrap.asOf ?? this.meta.asOf);
    this.filterBar.render(this.meta, this.filters);
    this.loadPage(false, serverKpis !== undefined && this.kpiGrid?.querySelector('article.kpi') !== null);
    this.scheduleRefresh(this.bootstrap.refreshSeconds ?? this.meta.refreshSeconds);
  }

  /** Sets one dimension filter (from a chart click) for the whole page. */
  setFilter(dim: FilterDimension, values: string[]): void {
    this.setFilters(withValues(this.filters, dim, values));
  }

  /** Applies new filters: a new history entry, the bar redrawn, every chart and the KPIs reloaded. */
  setFilters(filters: Filters): void {
    if (sameFilters(filters, this.filters)) return;
    this.filters = filters;
    history.pushState(null, '', `${this.page.path}${filtersToSearch(filters)}`);
    this.updateNavLinks();
    this.filterBar.update(filters);
    this.loadPage(false);
  }

  private onLocationChange(): void {
    const page = pageFor(location.pathname) ?? PAGES[0]!;
    const filters = parseFilters(location.search);
    const pageChanged = page !== this.page;
    const filtersChanged = !sameFilters(filters, this.filters);
    this.filters = filters;
    if (filtersChanged) this.filterBar.update(filters);
    if (pageChanged) {
      this.page = page;
      this.renderPage(undefined);
      this.loadPage(false);
    } else if (filtersChanged) {
      this.updateNavLinks();
      this.loadPage(false);
    }
  }

  private navigate(path: string): void {
    const page = pageFor(path) ?? PAGES[0]!;
    if (page === this.page) return;
    history.pushState(null, '', `${page.path}${filtersToSearch(this.filters)}`);
    this.page = page;
    this.renderPage(undefined);
    if (this.meta) this.loadPage(false);
    window.scrollTo(0, 0);
  }

  /**
   * Builds the page's skeleton: title, KPI grid, chart cards. The section the server sent is kept when it is
   * this page's (its title and KPI cards are the first paint; redrawing them would only repaint them later).
   */
  private renderPage(serverKpis: Kpis | undefined): void {
    for (const card of this.cards) card.dispose();
    this.cards = [];
    this.kpiAbort?.abort();
    const page = this.page;
    document.title = `${page.title} · Mercator`;
    this.el.filterForm.hidden = page.filters === false;
    const served = this.el.main.querySelector<HTMLElement>(`section.page[data-page="${CSS.escape(page.path)}"]`);
    const section = served ?? document.createElement('section');
    section.className = 'page';
    section.dataset.page = page.path;
    const h1 = section.querySelector('h1.page-title') ?? document.createElement('h1');
    h1.className = 'page-title';
    if (h1.textContent !== page.title) h1.textContent = page.title;
    const description = section.querySelector('p.page-description') ?? document.createElement('p');
    description.className = 'page-description';
    if (description.textContent !== page.description) description.textContent = page.description;
    const existingGrid = section.querySelector<HTMLElement>('#kpi-grid');
    const children: HTMLElement[] = [h1 as HTMLElement, description as HTMLElement];
    this.kpiGrid = undefined;
    this.kpiCaption = undefined;
    if (page.kpis) {
      // The server's cards hold the KPI values of the first response; keep them rather than redraw.
      const grid = existingGrid && serverKpis && served ? existingGrid : document.createElement('div');
      grid.className = 'kpi-grid';
      grid.id = 'kpi-grid';
      this.kpiGrid = grid;
      this.kpiCaption = section.querySelector<HTMLElement>('p.kpi-period') ?? document.createElement('p');
      this.kpiCaption.className = 'kpi-period';
      if (serverKpis) this.kpiCaption.textContent = periodCaption(serverKpis);
      children.push(grid, this.kpiCaption);
    }
    const chartGrid = section.querySelector<HTMLElement>('.chart-grid') ?? document.createElement('div');
    chartGrid.className = 'chart-grid';
    chartGrid.replaceChildren();
    for (const spec of page.charts) {
      const card = new ChartCard(spec, { setFilter: (dim, values) => this.setFilter(dim, values) });
      this.cards.push(card);
      chartGrid.append(card.el);
    }
    children.push(chartGrid);
    // Append moves the kept elements into place without repainting them from scratch.
    for (const [i, child] of children.entries()) if (section.children[i] !== child) section.insertBefore(child, section.children[i] ?? null);
    while (section.children.length > children.length) section.lastElementChild!.remove();
    if (!served) this.el.main.replaceChildren(section);
    else for (const other of [...this.el.main.children]) if (other !== section && !other.classList.contains('fatal')) other.remove();
    this.updateNavLinks();
  }

  /** Loads every chart (and the KPIs) for the current filters; `quiet` keeps drawings while loading. */
  private loadPage(quiet: boolean, kpisInPlace = false): void {
    if (!this.meta) return;
    for (const card of this.cards) void card.load(this.context(card.spec.clickFilter), quiet);
    if (this.kpiGrid && !kpisInPlace) void this.loadKpis(quiet);
  }

  private async loadKpis(quiet: boolean): Promise<void> {
    const grid = this.kpiGrid!;
    this.kpiAbort?.abort();
    const abort = new AbortController();
    this.kpiAbort = abort;
    if (!quiet) grid.dataset.state = 'loading';
    try {
      const kpis = await fetchKpis(filterParams(this.filters), abort.signal);
      if (abort.signal.aborted) return;
      grid.querySelector('.kpi-error')?.remove();
      renderKpis(grid, kpis);
      if (this.kpiCaption) this.kpiCaption.textContent = periodCaption(kpis);
    } catch (error) {
      if (abort.signal.aborted) return;
      grid.dataset.state = 'error';
      const message = grid.querySelector('.kpi-error') ?? grid.appendChild(Object.assign(document.createElement('p'), { className: 'kpi-error' }));
      message.textContent = error instanceof ApiError ? error.message : 'The KPIs could not be loaded.';
    }
  }

  private context(clickFilter: FilterDimension | undefined): ChartContext {
    return {
      filters: this.filters,
      meta: this.meta!,
      dark: this.darkQuery.matches,
      selected: clickFilter ? this.filters.values[clickFilter] : [],
    };
  }

  private redraw(): void {
    for (const card of this.cards) card.redraw(this.context(card.spec.clickFilter));
  }

  private scheduleRefresh(seconds: number | undefined): void {
    const every = seconds && seconds > 0 ? seconds : DEFAULT_REFRESH_SECONDS;
    window.clearInterval(this.refreshTimer);
    this.refreshTimer = window.setInterval(() => {
      if (document.hidden) this.refreshDue = true;
      else void this.refresh();
    }, every * 1000);
  }

  /** Fetches meta again and reloads every chart in place, without a page reload or loading overlays. */
  private async refresh(): Promise<void> {
    this.refreshDue = false;
    try {
      const meta = await fetchMeta();
      const valuesChanged = JSON.stringify(meta.filterValues) !== JSON.stringify(this.meta?.filterValues) || JSON.stringify(meta.dateBounds) !== JSON.stringify(this.meta?.dateBounds);
      this.meta = meta;
      this.setAsOf(meta.asOf);
      if (valuesChanged) this.filterBar.render(meta, this.filters);
    } catch {
      // The charts below show their own errors; the as-of label keeps the last time known.
    }
    this.loadPage(true);
    document.body.dataset.refreshes = String(++this.refreshes);
  }

  private setAsOf(asOf: string | null | undefined): void {
    this.el.asOf.textContent = asOf ? `Data as of ${formatTimestamp(asOf)}` : 'No data built yet';
    if (asOf) this.el.asOf.dataset.asOf = asOf;
  }

  private interceptNav(): void {
    document.addEventListener('click', (event) => {
      const link = (event.target as Element | null)?.closest?.('a[data-nav]');
      if (!(link instanceof HTMLAnchorElement) || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      event.preventDefault();
      this.navigate(new URL(link.href).pathname);
    });
  }

  /** Nav links carry the filters, so opening one in a new tab keeps the view. */
  private updateNavLinks(): void {
    const search = filtersToSearch(this.filters);
    for (const link of this.el.nav.querySelectorAll<HTMLAnchorElement>('a[data-nav]')) {
      const path = new URL(link.href).pathname;
      link.href = `${path}${search}`;
      if (path === this.page.path && !link.classList.contains('brand')) {
        link.setAttribute('aria-current', 'page');
        // On a phone the nav scrolls sideways: bring the current page's link into view.
        const nav = link.parentElement;
        if (nav && nav.scrollWidth > nav.clientWidth) nav.scrollLeft = Math.max(0, link.offsetLeft - nav.offsetLeft - (nav.clientWidth - link.offsetWidth) / 2);
      } else link.removeAttribute('aria-current');
    }
  }

  private showFatal(error: unknown): void {
    const message = error instanceof ApiError ? error.message : 'The dashboard could not start.';
    const box = document.createElement('div');
    box.className = 'fatal';
    box.setAttribute('role', 'alert');
    box.textContent = `${message} Reload the page to try again.`;
    this.el.main.prepend(box);
    for (const card of this.cards) card.el.dataset.state = 'error';
  }
}
