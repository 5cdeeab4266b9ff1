// The overview's KPI cards: rendered by the server into the first HTML response, updated here on filter change.
import type { Kpis } from './api-types.js';
import { formatChange, formatDay, formatValue } from './format.js';

/** Writes the cards into `grid`, updating the server-rendered ones in place (same markup as the server's). */
export function renderKpis(grid: HTMLElement, kpis: Kpis): void {
  for (const card of kpis.cards) {
    let article = grid.querySelector<HTMLElement>(`article.kpi[data-kpi="${CSS.escape(card.name)}"]`);
    if (!article) {
      article = document.createElement('article');
      article.className = 'kpi';
      article.dataset.kpi = card.name;
      article.innerHTML = '<h3 class="kpi-label"></h3><p class="kpi-value"></p><p class="kpi-delta"></p>';
      grid.append(article);
    }
    const change = formatChange(card.change, card.name === 'orders_today' ? 'the day before' : 'previous period');
    article.querySelector('.kpi-label')!.textContent = card.label;
    article.querySelector('.kpi-value')!.textContent = formatValue(card.value, card.format);
    const delta = article.querySelector('.kpi-delta')!;
    delta.textContent = change.text;
    delta.className = `kpi-delta ${change.direction}`;
    article.title = `Previous period: ${formatValue(card.previous, card.format)}`;
  }
  grid.dataset.state = 'ready';
}

/** The caption under the cards naming the period and the one it is compared with. */
export function periodCaption(kpis: Kpis): string {
  const span = (p: { from: string; to: string }): string => {
    if (p.from === p.to) return formatDay(p.from, true);
    const sameYear = p.from.slice(0, 4) === p.to.slice(0, 4);
    return `${formatDay(p.from, !sameYear)} – ${formatDay(p.to, true)}`;
  };
  const ignored = (kpis.ignoredFilters ?? []).map((f) => f.replaceAll('_', ' '));
  return `${span(kpis.period)} vs ${span(kpis.previous)}${ignored.length ? ` · not filtered by ${ignored.join(', ')}` : ''}`;
}
