import { describe, expect, it } from 'vitest';
import { productsFromCsv } from './product-csv.ts';

describe('productsFromCsv', () => {
  it('reads an Excel pt-BR export: BOM, semicolons, Portuguese headers, amounts in reais', () => {
    const csv =
      '\uFEFFTítulo;Categoria;Custo do fornecedor;Preço de venda;Descrição\r\n' +
      'Garrafa térmica;casa;"1.299,90";R$ 2.499,00;"Aço inox;\r\n500 ml"\r\n' +
      ';;;;\r\n' +
      'Caneca;casa;19,9;39.90;\r\n';
    const { products, errors } = productsFromCsv(csv);
    expect(errors).toEqual([]);
    expect(products.map((p) => [p.line, p.product.title, p.product.supplierCostMinor])).toEqual([
      [2, 'Garrafa térmica', 129_990],
      // The quoted description spans two lines and the emptied row is skipped: line 5.
      [5, 'Caneca', 1_990],
    ]);
    expect(products[0]!.product.marketPriceMinor).toBe(249_900);
    expect(products[0]!.product.description).toBe('Aço inox;\r\n500 ml');
  });

  it('names the line and column of an amount it cannot read', () => {
    const csv = 'title,category,supplier_cost,market_price\nCaneca,casa,1.2.3,10\n';
    const { products, errors } = productsFromCsv(csv);
    expect(products).toEqual([]);
    expect(errors).toEqual([
      expect.objectContaining({ line: 2, path: 'supplierCostMinor', code: 'amount' }),
    ]);
  });
});
