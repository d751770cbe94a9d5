/**
 * @module The `sandbox` product source: an offline catalogue of plausible Brazilian e-commerce
 * products, deterministic per query, so scouting works with no keys and tests can count on what it
 * finds. It deliberately includes products the default rules reject (a category outside the
 * allow-list, a blocked word, a thin margin, a wild markup), so qualification has work to do.
 */
import { hashInts, seededUniform } from '../ads/sandbox-random.ts';
import type { ProductSource, ScoutedProduct, ScoutQuery } from './types.ts';

interface CatalogueItem {
  title: string;
  category: string;
  keywords: string[];
  costMinor: number;
  priceMinor: number;
  monthlyOrders: number | null;
  rating: number | null;
  competingAds: number | null;
}

const item = (
  title: string,
  category: string,
  keywords: string[],
  costMinor: number,
  priceMinor: number,
  monthlyOrders: number | null,
  rating: number | null,
  competingAds: number | null,
): CatalogueItem => ({
  title,
  category,
  keywords,
  costMinor,
  priceMinor,
  monthlyOrders,
  rating,
  competingAds,
});

export const SANDBOX_CATALOGUE: readonly CatalogueItem[] = [
  item(
    'Garrafa térmica inteligente com display de temperatura',
    'kitchen',
    ['garrafa', 'térmica', 'led'],
    2_290,
    8_990,
    2_400,
    4.7,
    35,
  ),
  item(
    'Mini processador elétrico recarregável',
    'kitchen',
    ['processador', 'cozinha', 'usb'],
    2_850,
    9_700,
    1_800,
    4.6,
    60,
  ),
  item(
    'Escova secadora 3 em 1 íons',
    'beauty',
    ['escova', 'secadora', 'cabelo'],
    6_100,
    18_990,
    3_100,
    4.5,
    140,
  ),
  item(
    'Massageador facial de quartzo rosa',
    'beauty',
    ['massageador', 'quartzo', 'skincare'],
    1_250,
    6_990,
    900,
    4.4,
    45,
  ),
  item(
    'Corretor postural ajustável',
    'fitness',
    ['postura', 'coluna', 'corretor'],
    1_690,
    7_990,
    4_200,
    4.3,
    220,
  ),
  item(
    'Kit elásticos de resistência com 5 níveis',
    'fitness',
    ['elástico', 'treino', 'academia'],
    2_100,
    8_490,
    2_700,
    4.8,
    90,
  ),
  item(
    'Comedouro lento anti-engasgo para cães',
    'pets',
    ['comedouro', 'cachorro', 'pet'],
    1_100,
    4_990,
    1_500,
    4.7,
    25,
  ),
  item(
    'Fonte de água com filtro para gatos',
    'pets',
    ['fonte', 'gato', 'filtro'],
    4_300,
    13_990,
    1_200,
    4.6,
    70,
  ),
  item(
    'Babá eletrônica com câmera Wi-Fi',
    'baby',
    ['babá', 'câmera', 'bebê'],
    9_800,
    25_990,
    650,
    4.5,
    150,
  ),
  item(
    'Luminária projetor de estrelas',
    'baby',
    ['luminária', 'projetor', 'quarto'],
    2_350,
    8_990,
    3_600,
    4.6,
    310,
  ),
  item(
    'Relógio smartwatch esportivo',
    'electronics-accessories',
    ['smartwatch', 'relógio', 'bluetooth'],
    7_200,
    19_990,
    5_200,
    4.2,
    900,
  ),
  item(
    'Suporte veicular magnético para celular',
    'automotive-accessories',
    ['suporte', 'carro', 'celular'],
    900,
    3_990,
    6_100,
    4.5,
    480,
  ),
  item(
    'Organizador de cabos em silicone (kit 10)',
    'electronics-accessories',
    ['organizador', 'cabos', 'mesa'],
    450,
    2_490,
    2_200,
    4.7,
    40,
  ),
  item(
    'Jogo de chaves de precisão 115 peças',
    'tools',
    ['chaves', 'precisão', 'reparo'],
    3_100,
    9_990,
    1_400,
    4.8,
    85,
  ),
  item(
    'Mangueira expansível 30 m com esguicho',
    'garden',
    ['mangueira', 'jardim', 'esguicho'],
    4_400,
    11_990,
    800,
    4.1,
    120,
  ),
  item(
    'Quebra-cabeça 3D de madeira',
    'toys',
    ['quebra-cabeça', 'madeira', 'criança'],
    1_800,
    6_990,
    700,
    4.7,
    30,
  ),
  item(
    'Bolsa transversal antifurto',
    'fashion-accessories',
    ['bolsa', 'antifurto', 'viagem'],
    3_300,
    11_990,
    1_900,
    4.4,
    160,
  ),
  // Rejected by the default rules, each for a reason people should see listed.
  item(
    'Tênis réplica de marca famosa',
    'fashion-accessories',
    ['tênis', 'réplica'],
    6_000,
    19_990,
    4_000,
    4.0,
    600,
  ),
  item(
    'Cigarro eletrônico recarregável',
    'electronics-accessories',
    ['vape'],
    3_000,
    12_990,
    5_000,
    4.2,
    800,
  ),
  item(
    'Suplemento termogênico importado',
    'supplements',
    ['termogênico', 'emagrecer'],
    4_500,
    14_990,
    3_000,
    4.1,
    950,
  ),
  item(
    'Fone Bluetooth com cancelamento de ruído',
    'electronics-accessories',
    ['fone', 'bluetooth'],
    11_000,
    15_990,
    7_000,
    4.3,
    2_500,
  ),
  item(
    'Capa de celular com glitter',
    'electronics-accessories',
    ['capa', 'celular'],
    150,
    4_990,
    8_000,
    4.0,
    1_800,
  ),
  item(
    'Panela de pressão elétrica 5 L',
    'kitchen',
    ['panela', 'pressão'],
    18_000,
    32_990,
    null,
    null,
    null,
  ),
];

const textHash = (text: string) =>
  hashInts(...Array.from(text, (ch) => ch.codePointAt(0) ?? 0), text.length);

const fold = (text: string) =>
  text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();

function matches(entry: CatalogueItem, query: ScoutQuery): boolean {
  if (query.category && entry.category !== query.category) return false;
  const words = fold(query.query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const haystack = fold(`${entry.title} ${entry.keywords.join(' ')} ${entry.category}`);
  return words.some((word) => haystack.includes(word));
}

function scouted(entry: CatalogueItem, index: number): ScoutedProduct {
  // Signals drift a little per product, as a real source's would between listings.
  const u = seededUniform(textHash(entry.title), index);
  const jitter = (value: number | null) =>
    value == null ? null : Math.max(0, Math.round(value * (0.9 + 0.2 * u())));
  return {
    sourceRef: `sandbox-${index + 1}`,
    title: entry.title,
    description: `${entry.title}. Envio nacional, garantia de 90 dias.`,
    images: [`https://picsum.photos/seed/gestorlead-${index + 1}/800/800`],
    supplierCostMinor: entry.costMinor,
    marketPriceMinor: entry.priceMinor,
    currency: 'BRL',
    category: entry.category,
    keywords: entry.keywords,
    signals: {
      monthlyOrders: jitter(entry.monthlyOrders),
      rating: entry.rating,
      competingAds: jitter(entry.competingAds),
    },
  };
}

export const sandboxProductSource: ProductSource = {
  name: 'sandbox',
  async search(query) {
    const found = SANDBOX_CATALOGUE.map((entry, index) => ({ entry, index })).filter(({ entry }) =>
      matches(entry, query),
    );
    // Same query, same order: a seeded shuffle stands in for the source's ranking.
    const u = seededUniform(textHash(`${query.category ?? ''}|${fold(query.query)}`));
    const ranked = found
      .map((f) => ({ ...f, rank: u() }))
      .sort((a, b) => a.rank - b.rank)
      .slice(0, query.limit);
    return ranked.map(({ entry, index }) => scouted(entry, index));
  },
};
