/**
 * @module CSV as spreadsheets export it (RFC 4180 plus what Excel does in Brazil): a UTF-8 BOM,
 * `;` as the separator (Excel uses it where the comma is the decimal mark), quoted fields with
 * separators, doubled quotes and line breaks inside, CRLF or LF, and Windows-1252 files.
 */

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
 * file has none and reads as comma-separated.
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
 * Parses records one by one, so a caller can stop early (a preview) or skip to a checkpoint.
 * Blank lines and rows of empty fields are skipped. An unterminated quote runs to the end of the file, as spreadsheets do.
 */
export function* parseCsv(text: string, delimiter: Delimiter): Generator<CsvRecord> {
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  const n = text.length;
  while (i < n) {
    const startLine = line;
    const fields: string[] = [];
    let field = '';
    let quoted = false;
    let atFieldStart = true;
    for (; i < n; i++) {
      const ch = text[i]!;
      if (quoted) {
        if (ch === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i++;
          } else quoted = false;
        } else {
          if (ch === '\n') line++;
          field += ch;
        }
      } else if (ch === '"' && atFieldStart) {
        quoted = true;
        atFieldStart = false;
      } else if (ch === delimiter) {
        fields.push(field);
        field = '';
        atFieldStart = true;
      } else if (ch === '\n' || ch === '\r') {
        if (ch === '\r' && text[i + 1] === '\n') i++;
        i++;
        line++;
        break;
      } else {
        field += ch;
        atFieldStart = false;
      }
    }
    fields.push(field);
    // Spreadsheets export emptied rows as bare separators (";;;;"): they are not rows.
    if (fields.every((f) => f.trim() === '')) continue;
    yield { line: startLine, fields };
  }
}

/** One field for a CSV we write: quoted when it holds a separator, quote or line break. */
export function csvField(
  value: string | number | null | undefined,
  delimiter: Delimiter = ',',
): string {
  const text = value === null || value === undefined ? '' : String(value);
  // A leading = + - @ would run as a formula when the file is opened in a spreadsheet.
  const safe = /^[=+\-@]/.test(text) ? `'${text}` : text;
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
