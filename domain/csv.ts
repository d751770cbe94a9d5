/**
 * @module CSV as spreadsheets export it (RFC 4180 plus what Excel does in Brazil): a UTF-8 BOM,
 * `;` as the separator (Excel uses it where the comma is the decimal mark), quoted fields with
 * separators, doubled quotes and line breaks inside, CRLF or LF, and Windows-1252 files. The one
 * CSV reader of the app (lead imports and product imports): papaparse does the parsing, this module
 * the decoding, the separator of the header line and the line numbers people see.
 */
import Papa from 'papaparse';

export type Delimiter = ',' | ';' | '\t';
const DELIMITERS: Delimiter[] = [',', ';', '\t'];

/**
 * Text of an uploaded file: UTF-8 when it is valid UTF-8 (BOM dropped), otherwise Windows-1252,
 * which is what Excel on Windows writes for "CSV (separado por vírgulas)".
 */
export function decodeCsvBytes(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

/** A parsed record and the line it starts on (1-based), for messages people can act on. */
export interface CsvRecord {
  line: number;
  fields: string[];
}

/**
 * The separator of the header line: the candidate that occurs most outside quotes. A single-column
 * file has none and reads as comma-separated. (Papaparse guesses from the field counts of the
 * first rows instead, which a header-only preview or a one-column file misreads.)
 */
export function detectDelimiter(text: string): Delimiter {
  const counts = new Map<Delimiter, number>(DELIMITERS.map((d) => [d, 0]));
  let quoted = false;
  for (const ch of text.replace(/^\uFEFF/, '')) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && counts.has(ch as Delimiter))
      counts.set(ch as Delimiter, counts.get(ch as Delimiter)! + 1);
  }
  let best: Delimiter = ',';
  for (const d of DELIMITERS) if (counts.get(d)! > counts.get(best)!) best = d;
  return best;
}

/**
 * The file's records, through papaparse. Blank lines and rows of empty fields are skipped (
 * spreadsheets export emptied rows as bare separators, ";;;;"). An unterminated quote runs to the
 * end of the file, as spreadsheets do. The line break is the file's own (papaparse finds the first
 * one, CRLF, LF or CR, and reads the file by it); a line break inside a quoted field stays text.
 */
export function parseCsv(text: string, delimiter: Delimiter): CsvRecord[] {
  const input = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records: CsvRecord[] = [];
  let line = 1;
  let start = 0;
  Papa.parse<string[]>(input, {
    delimiter,
    step: ({ data: fields, meta }) => {
      if (!fields.every((f) => f.trim() === '')) records.push({ line, fields });
      // The next record starts where this one's line break ends; count the breaks passed over
      // (those inside quoted fields too) to number its line. CRLF files count their LFs.
      const end = meta.cursor;
      const mark = meta.linebreak === '\r' ? '\r' : '\n';
      for (let i = input.indexOf(mark, start); i !== -1 && i < end; i = input.indexOf(mark, i + 1))
        line++;
      start = end;
    },
  });
  return records;
}

/** One field for a CSV we write: quoted when it holds a separator, quote or line break. */
export function csvField(
  value: string | number | null | undefined,
  delimiter: Delimiter = ',',
): string {
  const text = value === null || value === undefined ? '' : String(value);
  // Text with a leading = + - @ would run as a formula when the file is opened in a spreadsheet;
  // a number (a negative profit) stays a number.
  const safe = typeof value === 'string' && /^[=+\-@]/.test(text) ? `'${text}` : text;
  return /["\r\n]/.test(safe) || safe.includes(delimiter)
    ? `"${safe.replaceAll('"', '""')}"`
    : safe;
}

export function csvLine(
  values: (string | number | null | undefined)[],
  delimiter: Delimiter = ',',
): string {
  return `${values.map((v) => csvField(v, delimiter)).join(delimiter)}\r\n`;
}
