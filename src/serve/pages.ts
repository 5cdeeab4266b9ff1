// Does: the HTML the server renders itself: the client's index.html with the bootstrap data and the KPI cards
// filled in, a stand-in page when the client is not built, the login page and friendly error pages.
// Does not: draw charts (the client in web/ does).
import type { KpiCard, HeadlineKpiCards } from '../metrics/index.js';

/** Page paths the client routes; each answers index.html. */
export const PAGES: Readonly<Record<string, string>> = {
  '/': 'overview',
  '/sales': 'sales',
  '/products': 'products',
  '/geography': 'geography',
  '/customers': 'customers',
  '/payments': 'payments',
  '/marketing': 'marketing',
  '/funnel': 'funnel',
  '/operations': 'operations',
};

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** JSON safe inside a <script> element (no `</script>`, no HTML comment openers, no line separators). */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

const usd = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', minimumFractionDigits: 2, maximumFractionDigits: 2 });
const count = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const ratio = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });

/** A value as a card shows it: `$14,554,773.99`, `1,234`, `12.3%`, `1.52`; `–` when missing. */
export function formatValue(value: number | null, format: KpiCard['format']): string {
  if (value === null) return '–';
  switch (format) {
    case 'usd':
      return usd.format(value);
    case 'count':
      return count.format(value);
    case 'percent':
      return `${(value * 100).toFixed(1)}%`;
    case 'ratio':
      return ratio.format(value);
  }
}

/** The change line of a card: `+3.2% vs previous period` with class up, down or flat. */
export function formatDelta(card: KpiCard, versus: string): { cls: 'up' | 'down' | 'flat'; text: string } {
  if (card.change === null) return { cls: 'flat', text: `no data for the ${versus}` };
  const pct = card.change * 100;
  const shown = Math.abs(pct) < 0.05 ? '0.0' : Math.abs(pct).toFixed(1);
  if (shown === '0.0') return { cls: 'flat', text: `±0.0% vs ${versus}` };
  return { cls: pct > 0 ? 'up' : 'down', text: `${pct > 0 ? '+' : '−'}${shown}% vs ${versus}` };
}

/** The four KPI cards as the contract's HTML. */
export function renderKpiCards(kpis: HeadlineKpiCards | null): string {
  if (kpis === null) return '';
  return kpis.cards
    .map((card) => {
      const delta = formatDelta(card, card.name === 'orders_today' ? 'the day before' : 'previous period');
      return `<article class="kpi" data-kpi="${escapeHtml(card.name)}">
  <h3 class="kpi-label">${escapeHtml(card.label)}</h3>
  <p class="kpi-value">${escapeHtml(formatValue(card.value, card.format))}</p>
  <p class="kpi-delta ${delta.cls}">${escapeHtml(delta.text)}</p>
</article>`;
    })
    .join('\n');
}

/** index.html with `<!--mercator:bootstrap-->` and `<!--mercator:kpis-->` filled in. */
export function fillTemplate(template: string, bootstrap: unknown, kpisHtml: string): string {
  return template
    .replace('<!--mercator:bootstrap-->', () => `<script>window.__MERCATOR__ = ${scriptJson(bootstrap)}</script>`)
    .replace('<!--mercator:kpis-->', () => kpisHtml);
}

const STYLE = `<style>
:root { color-scheme: light dark; font-family: system-ui, sans-serif; }
body { margin: 0 auto; max-width: 64rem; padding: 1.5rem; line-height: 1.5; }
.kpis { display: grid; grid-template-columns: repeat(auto-fit, minmax(12rem, 1fr)); gap: 1rem; }
.kpi { border: 1px solid #8884; border-radius: .5rem; padding: .75rem 1rem; }
.kpi h3 { margin: 0; font-size: .9rem; font-weight: 500; opacity: .8; }
.kpi-value { font-size: 1.6rem; margin: .25rem 0; font-variant-numeric: tabular-nums; }
.kpi-delta { margin: 0; font-size: .85rem; } .up { color: #1a7f37; } .down { color: #cf222e; }
form { display: grid; gap: .75rem; max-width: 20rem; } input, button { font: inherit; padding: .4rem .6rem; }
.error { color: #cf222e; } code { font-size: .9em; }
</style>`;

function shell(title: string, body: string, head = ''): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
${STYLE}
${head}
</head>
<body>
${body}
</body>
</html>
`;
}

/** Stand-in for index.html while the client is not built: the same placeholders, so KPI cards still render. */
export const FALLBACK_TEMPLATE = shell(
  'Mercator dashboard',
  `<h1>Mercator dashboard</h1>
<p>The dashboard client is not built (<code>dist/web/index.html</code> is missing); the API under <code>/api</code> works.</p>
<section class="kpis"><!--mercator:kpis--></section>`,
  '<!--mercator:bootstrap-->',
);

/** A friendly error page: what happened and what to do, never a stack trace. */
export function errorPage(status: number, message: string, hint: string): string {
  const title = status === 404 ? 'Page not found' : status === 403 ? 'Not allowed' : status === 503 ? 'Data not ready' : status >= 500 ? 'Something went wrong' : 'Request not understood';
  return shell(`${title} · Mercator`, `<h1>${escapeHtml(title)}</h1>
<p>${escapeHtml(message)}</p>
<p>${escapeHtml(hint)}</p>
<p><a href="/">Back to the overview</a></p>`);
}

/** The login form; `next` is where to go after signing in (a local path). */
export function loginPage(next: string, failed: boolean): string {
  return shell('Sign in · Mercator', `<h1>Sign in</h1>
${failed ? '<p class="error" role="alert">Wrong username or password.</p>' : ''}
<form method="post" action="/login">
  <input type="hidden" name="next" value="${escapeHtml(next)}">
  <label>Username <input name="username" autocomplete="username" required autofocus></label>
  <label>Password <input name="password" type="password" autocomplete="current-password" required></label>
  <button type="submit">Sign in</button>
</form>`);
}
