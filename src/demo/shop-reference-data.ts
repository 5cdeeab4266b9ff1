// Does: the fixed vocabulary of the demo shop: countries, currencies, categories, names, channels.
// Does not: generate rows; generators draw from these lists.

/** The three currencies the shop sells in. */
export type Currency = 'USD' | 'EUR' | 'GBP';

/** Customer countries with their share of customers, currency and tax rate. */
export const COUNTRIES: readonly { code: string; share: number; currency: Currency; tax: number; cities: readonly string[] }[] = [
  { code: 'US', share: 0.44, currency: 'USD', tax: 0.07, cities: ['New York', 'Austin', 'Seattle', 'Chicago', 'Denver', 'Miami'] },
  { code: 'GB', share: 0.16, currency: 'GBP', tax: 0.2, cities: ['London', 'Manchester', 'Leeds', 'Bristol', 'Glasgow'] },
  { code: 'DE', share: 0.12, currency: 'EUR', tax: 0.19, cities: ['Berlin', 'Hamburg', 'München', 'Köln'] },
  { code: 'FR', share: 0.1, currency: 'EUR', tax: 0.2, cities: ['Paris', 'Lyon', 'Marseille', 'Nantes'] },
  { code: 'NL', share: 0.05, currency: 'EUR', tax: 0.21, cities: ['Amsterdam', 'Utrecht', 'Rotterdam'] },
  { code: 'ES', share: 0.05, currency: 'EUR', tax: 0.21, cities: ['Madrid', 'Barcelona', 'Valencia'] },
  { code: 'IT', share: 0.04, currency: 'EUR', tax: 0.22, cities: ['Milano', 'Roma', 'Torino'] },
  { code: 'IE', share: 0.02, currency: 'EUR', tax: 0.23, cities: ['Dublin', 'Cork'] },
  { code: 'CA', share: 0.02, currency: 'USD', tax: 0.05, cities: ['Toronto', 'Montréal', 'Vancouver'] },
];

/** Customer segments; the current one is on the customer row and changes over time. */
export const SEGMENTS = ['standard', 'premium', 'vip', 'business'] as const;

/** Product categories with a price range in USD cents. */
export const CATEGORIES: readonly { name: string; minCents: number; maxCents: number }[] = [
  { name: 'Apparel', minCents: 1500, maxCents: 9000 },
  { name: 'Footwear', minCents: 4000, maxCents: 16000 },
  { name: 'Accessories', minCents: 900, maxCents: 6000 },
  { name: 'Home', minCents: 1200, maxCents: 12000 },
  { name: 'Kitchen', minCents: 800, maxCents: 15000 },
  { name: 'Beauty', minCents: 600, maxCents: 5500 },
  { name: 'Electronics', minCents: 2500, maxCents: 40000 },
  { name: 'Outdoor', minCents: 2000, maxCents: 25000 },
  { name: 'Toys', minCents: 700, maxCents: 7000 },
  { name: 'Books', minCents: 800, maxCents: 4500 },
  { name: 'Stationery', minCents: 300, maxCents: 3000 },
  { name: 'Pet', minCents: 500, maxCents: 8000 },
];

/** Adjectives and nouns for product names. */
export const PRODUCT_WORDS = {
  adjectives: ['Classic', 'Everyday', 'Premium', 'Organic', 'Compact', 'Deluxe', 'Urban', 'Nordic', 'Vintage', 'Smart', 'Eco', 'Pro'],
  nouns: ['Tee', 'Hoodie', 'Sneaker', 'Wallet', 'Lamp', 'Mug', 'Serum', 'Headphones', 'Backpack', 'Puzzle', 'Notebook', 'Bowl', 'Jacket', 'Kettle', 'Speaker', 'Candle', 'Tent', 'Pen'],
};

/** First and last names (some with accents, so exports exercise encodings). */
export const NAMES = {
  first: ['Olivia', 'Liam', 'Emma', 'Noah', 'Amélie', 'Lukas', 'Sofia', 'Mateo', 'Chloé', 'Jonas', 'Mia', 'Oliver', 'Zoë', 'Léa', 'Finn', 'Isla', 'Hugo', 'Ava', 'Jürgen', 'Nora'],
  last: ['Smith', 'Müller', 'Martin', 'García', 'Rossi', 'Jones', 'Brown', 'Dubois', 'Schmidt', 'Taylor', 'Jansen', 'Murphy', 'López', 'Bernard', 'Wilson', 'Fischer', "O'Neil", 'Nowak'],
};

/** Marketing channels with their share of the budget. */
export const CHANNELS: readonly { name: string; share: number }[] = [
  { name: 'search', share: 0.42 },
  { name: 'social', share: 0.31 },
  { name: 'email', share: 0.07 },
  { name: 'affiliates', share: 0.2 },
];

/** Payment methods with their share of payments. */
export const PAYMENT_METHODS: readonly { kind: 'card' | 'apple_pay' | 'google_pay' | 'bank_transfer'; share: number }[] = [
  { kind: 'card', share: 0.7 },
  { kind: 'apple_pay', share: 0.13 },
  { kind: 'google_pay', share: 0.1 },
  { kind: 'bank_transfer', share: 0.07 },
];

/** Card brands with their share among card payments. */
export const CARD_BRANDS: readonly { brand: string; share: number }[] = [
  { brand: 'visa', share: 0.55 },
  { brand: 'mastercard', share: 0.3 },
  { brand: 'amex', share: 0.12 },
  { brand: 'discover', share: 0.03 },
];
