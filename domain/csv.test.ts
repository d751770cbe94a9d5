import { describe, expect, it } from 'vitest';
import { csvLine, decodeCsvBytes, detectDelimiter, parseCsv } from './csv.ts';

const rows = (text: string, delimiter = detectDelimiter(text)) =>
  parseCsv(text, delimiter).map((r) => r.fields);

describe('parseCsv', () => {
  it('reads quoted fields with separators, doubled quotes and line breaks inside', () => {
    const text =
      'nome,empresa,obs\r\n"Silva, Ana","Padaria ""Pão Quente""","linha 1\r\nlinha 2"\r\nBruno,,\r\n';
    expect(rows(text)).toEqual([
      ['nome', 'empresa', 'obs'],
      ['Silva, Ana', 'Padaria "Pão Quente"', 'linha 1\r\nlinha 2'],
      ['Bruno', '', ''],
    ]);
  });

  it('reads an Excel pt-BR export: BOM, semicolons, decimal commas', () => {
    const text = '\uFEFFNome;Valor;Telefone\nAna;"1.500,00";(11) 98765-4321\nBruno;2,5;\n';
    expect(detectDelimiter(text)).toBe(';');
    expect(rows(text)).toEqual([
      ['Nome', 'Valor', 'Telefone'],
      ['Ana', '1.500,00', '(11) 98765-4321'],
      ['Bruno', '2,5', ''],
    ]);
  });

  it('skips blank lines and rows of empty fields, keeps a last line without newline, and numbers lines', () => {
    const text = 'a,b\n\n"x\ny",1\n\n,, \nlast,2';
    expect(parseCsv(text, ',')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 3, fields: ['x\ny', '1'] },
      { line: 7, fields: ['last', '2'] },
    ]);
  });

  it.each([
    ['CRLF', '\r\n'],
    ['LF', '\n'],
    ['CR', '\r'],
  ])('reads %s files and numbers their lines', (_, br) => {
    const text = `nome;obs${br}Ana;"duas${br}linhas"${br}${br};;${br}Bruno;ok${br}`;
    expect(parseCsv(text, ';')).toEqual([
      { line: 1, fields: ['nome', 'obs'] },
      { line: 2, fields: ['Ana', `duas${br}linhas`] },
      { line: 6, fields: ['Bruno', 'ok'] },
    ]);
  });

  it('numbers the lines of a Windows-1252 file with a BOM-less header', () => {
    const bytes = new Uint8Array([...new TextEncoder().encode('nome\r\n'), 0x4a, 0x6f, 0xe3, 0x6f]);
    expect(parseCsv(decodeCsvBytes(bytes), ',')).toEqual([
      { line: 1, fields: ['nome'] },
      { line: 2, fields: ['João'] },
    ]);
  });

  it('keeps quotes that are not at the start of a field as text', () => {
    expect(rows('a,b\n5" tela,ok\n')).toEqual([
      ['a', 'b'],
      ['5" tela', 'ok'],
    ]);
  });

  it('an unterminated quote runs to the end', () => {
    expect(rows('a,b\n"open,1\n2,3\n')).toEqual([['a', 'b'], ['open,1\n2,3\n']]);
  });
});

describe('detectDelimiter', () => {
  it.each([
    ['a,b,c\n1;2', ','],
    ['a;b;c\n', ';'],
    ['a\tb\n', '\t'],
    ['"x;y;z",b,c\n', ','],
    ['nome\nAna\n', ','],
  ])('%j → %j', (text, expected) => {
    expect(detectDelimiter(text)).toBe(expected);
  });
});

describe('decodeCsvBytes', () => {
  it('reads UTF-8 and falls back to Windows-1252', () => {
    expect(decodeCsvBytes(new TextEncoder().encode('São Paulo'))).toBe('São Paulo');
    expect(decodeCsvBytes(new Uint8Array([0x53, 0xe3, 0x6f]))).toBe('São');
  });
});

describe('csvLine', () => {
  it('quotes what needs it and defuses spreadsheet formulas', () => {
    expect(csvLine(['a', 'b,c', 'd"e', 'x\ny', 3, null])).toBe('a,"b,c","d""e","x\ny",3,\r\n');
    expect(csvLine(['=HYPERLINK("x")', '+55 11'])).toBe(`"'=HYPERLINK(""x"")",'+55 11\r\n`);
    expect(csvLine(['-5', -5])).toBe("'-5,-5\r\n");
  });
});
