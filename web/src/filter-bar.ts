// The filter bar: date range with presets, and one choice per dimension. Every change goes through `onChange`.
import type { Meta } from './api-types.js';
import { activePreset, emptyFilters, FILTER_DIMENSIONS, PRESETS, presetRange, withValues, type FilterDimension, type Filters, type Preset } from './filters.js';
import { dimensionLabel, valueLabel } from './labels.js';

const PRESET_LABELS: Record<Preset, string> = { '7d': '7 days', '30d': '30 days', '90d': '90 days', '12m': '12 months', all: 'All' };

/** The filter bar inside `form`. */
export class FilterBar {
  private meta: Meta | undefined;
  private filters: Filters = emptyFilters();

  constructor(
    private readonly form: HTMLFormElement,
    private readonly onChange: (filters: Filters) => void,
  ) {
    form.addEventListener('submit', (event) => event.preventDefault());
  }

  /** Draws the bar for the server's filter values and the current filters. */
  render(meta: Meta, filters: Filters): void {
    this.meta = meta;
    this.filters = filters;
    const bounds = meta.dateBounds;
    const preset = activePreset(filters, bounds);
    const range = presetRange('90d', bounds);

    const presets = document.createElement('div');
    presets.className = 'presets';
    presets.setAttribute('role', 'group');
    presets.setAttribute('aria-label', 'Date range');
    for (const p of PRESETS) {
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = PRESET_LABELS[p];
      button.dataset.preset = p;
      button.setAttribute('aria-pressed', String(p === preset));
      button.addEventListener('click', () => {
        const r = presetRange(p, bounds);
        if (r) this.onChange({ ...this.filters, from: r.from, to: r.to });
      });
      presets.append(button);
    }

    const dates = document.createElement('div');
    dates.className = 'dates';
    const from = dateInput('from', 'From', filters.from ?? range?.from, bounds);
    const to = dateInput('to', 'To', filters.to ?? range?.to, bounds);
    const onDate = (): void => {
      const f = from.querySelector('input')!.value;
      const t = to.querySelector('input')!.value;
      if (f && t && f <= t) this.onChange({ ...this.filters, from: f, to: t });
    };
    from.addEventListener('change', onDate);
    to.addEventListener('change', onDate);
    dates.append(from, to);

    const selects = document.createElement('div');
    selects.className = 'selects';
    for (const dim of FILTER_DIMENSIONS) {
      const values = meta.filterValues[dim] ?? [];
      if (values.length === 0 && filters.values[dim].length === 0) continue;
      selects.append(this.select(dim, values, filters.values[dim]));
    }

    const clear = document.createElement('button');
    clear.type = 'button';
    clear.className = 'clear';
    clear.textContent = 'Clear filters';
    clear.disabled = FILTER_DIMENSIONS.every((d) => filters.values[d].length === 0) && !filters.from && !filters.to;
    clear.addEventListener('click', () => this.onChange(emptyFilters()));

    const active = FILTER_DIMENSIONS.filter((d) => filters.values[d].length > 0).length;
    const toggle = document.createElement('button');
    toggle.type = 'button';
    toggle.className = 'filter-toggle';
    toggle.textContent = active ? `Filters (${active})` : 'Filters';
    toggle.setAttribute('aria-expanded', String(this.form.classList.contains('open')));
    toggle.addEventListener('click', () => {
      const open = this.form.classList.toggle('open');
      toggle.setAttribute('aria-expanded', String(open));
    });

    this.form.replaceChildren(presets, toggle, dates, selects, clear);
  }

  /** Draws the bar again for new filters (after a click on a chart or back/forward). */
  update(filters: Filters): void {
    if (this.meta) this.render(this.meta, filters);
  }

  private select(dim: FilterDimension, values: readonly string[], chosen: readonly string[]): HTMLElement {
    const label = document.createElement('label');
    label.className = `select${chosen.length ? ' active' : ''}`;
    const span = document.createElement('span');
    span.textContent = dimensionLabel(dim);
    const select = document.createElement('select');
    select.name = dim;
    select.append(new Option(`All`, ''));
    const known = new Set(values);
    // Several values (from a link) show as one choice; values the server no longer lists are kept visible.
    if (chosen.length > 1) select.append(new Option(chosen.map((v) => valueLabel(dim, v)).join(', '), chosen.join(',')));
    for (const v of values) select.append(new Option(valueLabel(dim, v), v));
    if (chosen.length === 1 && !known.has(chosen[0]!)) select.append(new Option(valueLabel(dim, chosen[0]!), chosen[0]!));
    select.value = chosen.join(',');
    select.addEventListener('change', () => {
      this.onChange(withValues(this.filters, dim, select.value ? select.value.split(',') : []));
    });
    label.append(span, select);
    return label;
  }
}

function dateInput(name: string, text: string, value: string | undefined, bounds: Meta['dateBounds']): HTMLElement {
  const label = document.createElement('label');
  label.className = 'date';
  const span = document.createElement('span');
  span.textContent = text;
  const input = document.createElement('input');
  input.type = 'date';
  input.name = name;
  if (value) input.value = value;
  if (bounds.min) input.min = bounds.min;
  if (bounds.max) input.max = bounds.max;
  label.append(span, input);
  return label;
}
