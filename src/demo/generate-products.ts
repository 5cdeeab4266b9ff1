import { Prng, cumulativeWeights } from './prng.js';
import { CATEGORIES, PRODUCT_WORDS } from './shop-reference-data.js';

/** One product of the catalogue; prices in USD cents. */
export interface Product {
  productId: number;
  sku: string;
  name: string;
  category: string;
  priceCents: number;
  costCents: number;
  popularity: number;
  createdAtMs: number;
}

/** The catalogue and a sampler with long-tail (Zipf-like) popularity. */
export interface Catalogue {
  products: Product[];
  cumulative: Float64Array;
}

/** Builds the catalogue: 200 products (not scaled) in 12 categories, created before `startMs`. */
export function generateProducts(seed: number, startMs: number, count = 200): Catalogue {
  const rng = Prng.for(seed, 'products');
  const products: Product[] = [];
  // Popularity rank is shuffled against id so the best sellers are spread over categories.
  const ranks = Array.from({ length: count }, (_, i) => i);
  for (let i = count - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [ranks[i], ranks[j]] = [ranks[j]!, ranks[i]!];
  }
  for (let i = 0; i < count; i++) {
    const category = CATEGORIES[i % CATEGORIES.length]!;
    const price = Math.round((category.minCents + rng.next() ** 1.6 * (category.maxCents - category.minCents)) / 100) * 100 - 1;
    const margin = 0.35 + rng.next() * 0.35;
    products.push({
      productId: i + 1,
      sku: `SKU-${category.name.slice(0, 3).toUpperCase()}-${String(1000 + i)}`,
      name: `${rng.pick(PRODUCT_WORDS.adjectives)} ${rng.pick(PRODUCT_WORDS.nouns)} ${String.fromCharCode(65 + (i % 26))}${Math.floor(i / 26) + 1}`,
      category: category.name,
      priceCents: price,
      costCents: Math.round(price * (1 - margin)),
      popularity: 1 / Math.pow(ranks[i]! + 1, 1.05),
      createdAtMs: startMs - (400 + rng.int(0, 700)) * 86_400_000 + rng.int(0, 86_399) * 1000,
    });
  }
  return { products, cumulative: cumulativeWeights(products.map((p) => p.popularity)) };
}
