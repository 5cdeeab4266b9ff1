// Does: HTML escaping, tag stripping and URL quoting as MarkupSafe and Jinja do them.
// Does not: autoescape output (autoescaping is off, as in dbt).
import { Markup } from './runtime.js';
import { pyStr } from './python-values.js';
import { setEscape } from './python-arith.js';

/** MarkupSafe's escape(): & < > " ' become entities; Markup input is returned unchanged. */
export function escapeHtml(v: unknown): Markup {
  if (v instanceof Markup) return v;
  return new Markup(forceEscape(pyStr(v)));
}

/** Escapes a string regardless of its safety mark. */
export function forceEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&#34;').replace(/'/g, '&#39;');
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** Markup.striptags(): drops comments and tags, collapses whitespace, unescapes entities. */
export function stripTags(s: string): string {
  const noComments = s.replace(/<!--[\s\S]*?-->/g, '');
  const noTags = noComments.replace(/<[^>]*>/g, '');
  const collapsed = noTags.split(/\s+/).filter(Boolean).join(' ');
  return collapsed.replace(/&(#x[0-9a-fA-F]+|#\d+|[a-zA-Z]+);/g, (m, e: string) => {
    if (e.startsWith('#x') || e.startsWith('#X')) return String.fromCodePoint(parseInt(e.slice(2), 16));
    if (e.startsWith('#')) return String.fromCodePoint(parseInt(e.slice(1), 10));
    return ENTITIES[e] ?? m;
  });
}

/** urllib.parse.quote on UTF-8 bytes; `forQs` also quotes '/' and turns spaces into '+'. */
export function urlQuote(v: unknown, forQs: boolean): string {
  const s = pyStr(v);
  const bytes = new TextEncoder().encode(s);
  let out = '';
  for (const b of bytes) {
    const c = String.fromCharCode(b);
    if (/[A-Za-z0-9_.\-~]/.test(c) || (!forQs && c === '/')) out += c;
    else out += '%' + b.toString(16).toUpperCase().padStart(2, '0');
  }
  return forQs ? out.replace(/%20/g, '+') : out;
}

setEscape(forceEscape);
