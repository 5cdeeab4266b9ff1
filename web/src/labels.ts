// Words shown for dimensions and their values.

const DIMENSION_LABELS: Record<string, string> = {
  category: 'Category',
  country: 'Country',
  segment: 'Segment',
  channel: 'Channel',
  payment_method: 'Payment method',
  product: 'Product',
  date: 'Date',
};

/** `payment_method` → `Payment method`. */
export function dimensionLabel(name: string): string {
  return DIMENSION_LABELS[name] ?? name.replaceAll('_', ' ').replace(/^./, (c) => c.toUpperCase());
}

let regionNames: Intl.DisplayNames | undefined;

/** `US` → `United States`; other text is returned as it is. */
export function countryName(code: string): string {
  if (!/^[A-Z]{2}$/.test(code)) return code;
  regionNames ??= new Intl.DisplayNames(['en'], { type: 'region' });
  try {
    return regionNames.of(code) ?? code;
  } catch {
    return code;
  }
}

/** `us_bank_account` → `US bank account`, `card` → `Card`. */
export function humanize(value: string): string {
  const words = value.replaceAll('_', ' ');
  if (/^(vip|sepa|ach|sms|seo)$/i.test(words)) return words.toUpperCase();
  return words.replace(/^(us|sepa) /i, (w) => w.toUpperCase()).replace(/^./, (c) => c.toUpperCase());
}

/** The label of a dimension value as shown on charts and in the filter bar. */
export function valueLabel(dim: string, value: string): string {
  if (dim === 'country') return countryName(value);
  if (dim === 'payment_method' || dim === 'segment' || dim === 'channel') return humanize(value);
  return value;
}
