/**
 * @module CSV import of products: read by the app's one CSV reader (`domain/csv.ts`: quoted
 * fields, a BOM, `,` `;` or tab as the separator — Brazilian spreadsheets export `;`), then each row
 * checked with the same schema as a product entered by hand. Valid rows are imported; each invalid one is reported
 * with its line number and field, and imports nothing.
 *
 * Columns (header names, any order; case, accents, spaces, `_` and `-` ignored), in English or
 * Portuguese: title/título, description/descrição, category/categoria, keywords/palavras-chave and
 * images/imagens (separated by `|`), supplier_cost/custo do fornecedor and market_price/preço de
 * venda in major units ("19,90", "1.299,90" or "19.90"), currency/moeda (default BRL),
 * monthly_orders/pedidos por mês, rating/nota, competing_ads/anúncios concorrentes,
 * source_ref/referência.
 */
import * as v from 'valibot';
import { detectDelimiter, parseCsv } from '../../domain/csv.ts';
import { parseMoney } from '../../domain/money.ts';
import { fieldIssueOf } from '../../schema/inputs/issues.ts';
import { MAX_CSV_ROWS, ProductInput } from '../../schema/inputs/products.ts';

export interface CsvRowError {
  /** 1-based line of the file, the header being line 1. */
  line: number;
  path: string;
  message: string;
  /** What went wrong as a code the web words (schema/inputs/issues.ts, or `column_unknown`,
   * `column_missing`, `too_many_rows`, `amount`), with its parameters. */
  code?: string;
  params?: Record<string, string | number>;
}

export interface CsvProduct {
  line: number;
  product: ProductInput;
  sourceRef: string | null;
}

/** Header names, reduced by `headerKey`, in English and in Portuguese. */
const COLUMNS = {
  title: 'title',
  titulo: 'title',
  description: 'description',
  descricao: 'description',
  category: 'category',
  categoria: 'category',
  keywords: 'keywords',
  palavraschave: 'keywords',
  images: 'images',
  imagens: 'images',
  suppliercost: 'supplierCostMinor',
  custodofornecedor: 'supplierCostMinor',
  marketprice: 'marketPriceMinor',
  precodevenda: 'marketPriceMinor',
  currency: 'currency',
  moeda: 'currency',
  monthlyorders: 'signals.monthlyOrders',
  pedidospormes: 'signals.monthlyOrders',
  rating: 'signals.rating',
  nota: 'signals.rating',
  competingads: 'signals.competingAds',
  anunciosconcorrentes: 'signals.competingAds',
  sourceref: 'sourceRef',
  referencia: 'sourceRef',
} as const;

/** "Preço de venda" and "preco_de_venda" → "precodevenda". */
const headerKey = (name: string) =>
  name
    .trim()
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[_\s-]/g, '');
type Column = (typeof COLUMNS)[keyof typeof COLUMNS];

const parseCount = (text: string) => (/^\d+$/.test(text.trim()) ? Number(text.trim()) : Number.NaN);
const parseDecimal = (text: string) =>
  /^\d+([.,]\d+)?$/.test(text.trim()) ? Number(text.trim().replace(',', '.')) : Number.NaN;
const list = (text: string) =>
  text
    .split('|')
    .map((s) => s.trim())
    .filter(Boolean);

export function productsFromCsv(text: string): {
  products: CsvProduct[];
  errors: CsvRowError[];
} {
  const [header, ...body] = parseCsv(text, detectDelimiter(text));
  const errors: CsvRowError[] = [];
  if (!header)
    return { products: [], errors: [{ line: 1, path: '', message: 'The CSV is empty.' }] };
  const columns = header.fields.map((name) => COLUMNS[headerKey(name) as keyof typeof COLUMNS]);
  header.fields.forEach((name, i) => {
    if (!columns[i] && name.trim())
      errors.push({
        line: 1,
        path: name,
        message: `Unknown column "${name.trim()}".`,
        code: 'column_unknown',
        params: { column: name.trim() },
      });
  });
  for (const required of ['title', 'category', 'supplierCostMinor', 'marketPriceMinor'] as const)
    if (!columns.includes(required))
      errors.push({
        line: 1,
        path: required,
        message: `The column for ${required} is missing.`,
        code: 'column_missing',
      });
  if (errors.length > 0) return { products: [], errors };
  if (body.length > MAX_CSV_ROWS)
    return {
      products: [],
      errors: [
        {
          line: MAX_CSV_ROWS + 2,
          path: '',
          message: `At most ${MAX_CSV_ROWS} rows per import; this file has ${body.length}.`,
          code: 'too_many_rows',
          params: { max: MAX_CSV_ROWS, rows: body.length },
        },
      ],
    };

  const products: CsvProduct[] = [];
  for (const { fields: cells, line } of body) {
    const raw = Object.fromEntries(columns.map((column, i) => [column, cells[i] ?? ''])) as Record<
      Column,
      string
    >;
    const rowErrors: CsvRowError[] = [];
    const money = (column: 'supplierCostMinor' | 'marketPriceMinor') => {
      const value = parseMoney(raw[column] ?? '', raw.currency?.trim() || 'BRL');
      if (value === null)
        rowErrors.push({
          line,
          path: column,
          message: 'Write an amount such as 19,90.',
          code: 'amount',
        });
      return value ?? 0;
    };
    const optionalNumber = (column: Column, parse: (t: string) => number) => {
      const text = raw[column]?.trim();
      if (!text) return null;
      const value = parse(text);
      if (Number.isNaN(value))
        rowErrors.push({ line, path: column, message: 'Not a number.', code: 'not_number' });
      return Number.isNaN(value) ? null : value;
    };
    const candidate = {
      title: raw.title ?? '',
      description: raw.description ?? '',
      category: raw.category ?? '',
      keywords: list(raw.keywords ?? ''),
      images: list(raw.images ?? ''),
      supplierCostMinor: money('supplierCostMinor'),
      marketPriceMinor: money('marketPriceMinor'),
      currency: raw.currency?.trim() || 'BRL',
      signals: {
        monthlyOrders: optionalNumber('signals.monthlyOrders', parseCount),
        rating: optionalNumber('signals.rating', parseDecimal),
        competingAds: optionalNumber('signals.competingAds', parseCount),
      },
    };
    const parsed = v.safeParse(ProductInput, candidate);
    if (!parsed.success)
      for (const issue of parsed.issues)
        if (!rowErrors.some((e) => e.path === v.getDotPath(issue)))
          rowErrors.push({ line, ...fieldIssueOf(issue), message: issue.message });
    if (rowErrors.length > 0 || !parsed.success) {
      errors.push(...rowErrors);
      continue;
    }
    products.push({ line, product: parsed.output, sourceRef: raw.sourceRef?.trim() || null });
  }
  return { products, errors };
}
