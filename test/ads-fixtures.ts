/** Bodies for the ads routes that pass validation and the viability rules, shared by tests. */

/** A product the default viability rules qualify (good margin, signals, category). */
export const QUALIFIABLE_PRODUCT = {
  title: 'Fonte de água para gatos',
  description: 'Filtro de carvão, silenciosa.',
  category: 'pets',
  supplierCostMinor: 4_300,
  marketPriceMinor: 13_990,
  signals: { monthlyOrders: 1_200, rating: 4.6, competingAds: 70 },
};

export const ad = (overrides: Record<string, unknown> = {}) => ({
  name: 'Anúncio 1',
  headline: 'Água fresca o dia todo',
  body: 'A fonte que seu gato merece.',
  callToAction: 'SHOP_NOW',
  imageUrl: 'https://cdn.example.com/fonte.png',
  landingUrl: 'https://loja.example.com/fonte?ref=ig&utm_source=old',
  ...overrides,
});

export const adSet = (overrides: Record<string, unknown> = {}) => ({
  name: 'Brasil 25–45',
  dailyBudgetMinor: 5_000,
  countries: ['BR'],
  ageMin: 25,
  ageMax: 45,
  placements: ['feed'],
  ads: [ad()],
  ...overrides,
});
