/**
 * CSV as RFC 4180 defines it — comma-separated, fields with a comma, a quote or a line break in
 * double quotes, a quote inside doubled — read with the line each record starts on (a field may
 * span lines, so a record's line is not its index), and written the way Excel opens it right:
 * UTF-8 with a byte-order mark and CR LF line ends. Written by hand rather than with a library:
 * the reader must report exact line and column numbers and the writer must guard spreadsheet
 * formulas, and both must run in the renderer too (no Node streams).
 */
export interface CsvRecord {
  /** 1-based line on which the record starts. */
  line: number;
  fields: string[];
}

export type CsvParse =
  | { ok: true; records: CsvRecord[] }
  | {
      ok: false;
      line: number;
      column: number;
      reason: 'unterminated_quote' | 'quote_in_unquoted_field' | 'text_after_closing_quote';
    };

/** Parses CSV text (already decoded; a leading BOM is ignored). Blank lines are skipped. */
export function parseCsv(input: string): CsvParse {
  const text = input.startsWith('\uFEFF') ? input.slice(1) : input;
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let column = 0;
  let recordLine = 1;
  let quoted = false;
  let inQuotes = false;
  let afterQuote = false;
  let quoteLine = 1;
  let quoteColumn = 0;
  const endRecord = () => {
    fields.push(field);
    if (!(fields.length === 1 && fields[0] === '' && !quoted)) records.push({ line: recordLine, fields });
    fields = [];
    field = '';
    quoted = false;
    afterQuote = false;
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    column += 1;
    if (inQuotes) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 1;
          column += 1;
        } else {
          inQuotes = false;
          afterQuote = true;
        }
      } else {
        field += ch;
        if (ch === '\n' || (ch === '\r' && text[i + 1] !== '\n')) {
          line += 1;
          column = 0;
        }
      }
      continue;
    }
    if (ch === ',') {
      fields.push(field);
      field = '';
      quoted = false;
      afterQuote = false;
    } else if (ch === '\r' || ch === '\n') {
      if (ch === '\r' && text[i + 1] === '\n') i += 1;
      endRecord();
      line += 1;
      column = 0;
      recordLine = line;
    } else if (afterQuote) {
      return { ok: false, line, column, reason: 'text_after_closing_quote' };
    } else if (ch === '"') {
      if (field !== '') return { ok: false, line, column, reason: 'quote_in_unquoted_field' };
      inQuotes = true;
      quoted = true;
      quoteLine = line;
      quoteColumn = column;
    } else {
      field += ch;
    }
  }
  if (inQuotes) return { ok: false, line: quoteLine, column: quoteColumn, reason: 'unterminated_quote' };
  if (field !== '' || fields.length > 0 || quoted) endRecord();
  return { ok: true, records };
}

export interface CsvWriteOptions {
  /** Prefix a byte-order mark so Excel reads UTF-8 (default true). */
  bom?: boolean;
  /**
   * Excel runs a cell that starts with = + - @ (or a tab / CR) as a formula — a buyer's name can
   * be `=HYPERLINK(…)`. Such text fields get a leading apostrophe, which Excel shows as text;
   * numbers (`-1.5`) are left alone. Default true.
   */
  guardFormulas?: boolean;
}

const NUMBER = /^[+-]?\d+(?:\.\d+)?$/;

function cell(value: string, guard: boolean): string {
  let v = value;
  if (guard && /^[=+\-@\t\r]/.test(v) && !NUMBER.test(v)) v = `'${v}`;
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** Rows as CSV text, CR LF after every record (the last included). */
export function formatCsv(rows: ReadonlyArray<ReadonlyArray<string>>, options: CsvWriteOptions = {}): string {
  const guard = options.guardFormulas ?? true;
  const body = rows.map((row) => row.map((v) => cell(v, guard)).join(',')).join('\r\n');
  return `${(options.bom ?? true) ? '\uFEFF' : ''}${body}${rows.length > 0 ? '\r\n' : ''}`;
}

/**
 * Decodes UTF-8 bytes (with or without a BOM) or says where they stop being UTF-8 — a file saved
 * as Windows-1252 or TIS-620 instead — by line and byte, so nothing is silently garbled.
 */
export function decodeUtf8(
  bytes: Uint8Array,
): { ok: true; text: string } | { ok: false; line: number; byteOffset: number } {
  const bad = firstInvalidUtf8(bytes);
  if (bad !== -1) {
    let line = 1;
    for (let i = 0; i < bad; i++) if (bytes[i] === 0x0a) line += 1;
    return { ok: false, line, byteOffset: bad };
  }
  const text = new TextDecoder('utf-8').decode(bytes);
  return { ok: true, text: text.startsWith('\uFEFF') ? text.slice(1) : text };
}

/** Offset of the first byte that is not part of a well-formed UTF-8 sequence, or −1. */
function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i] as number;
    if (c < 0x80) {
      i += 1;
      continue;
    }
    let n: number;
    let min: number;
    if (c >= 0xc2 && c <= 0xdf) [n, min] = [1, 0x80];
    else if (c >= 0xe0 && c <= 0xef) [n, min] = [2, 0x800];
    else if (c >= 0xf0 && c <= 0xf4) [n, min] = [3, 0x10000];
    else return i;
    let cp = c & (0x3f >> n);
    for (let k = 1; k <= n; k++) {
      const cc = b[i + k];
      if (cc === undefined || (cc & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (cc & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += n + 1;
  }
  return -1;
}
