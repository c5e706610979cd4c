import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeUtf8, formatCsv, parseCsv } from '../../../src/shared/csv/csv';

describe('CSV (RFC 4180)', () => {
  it('reads quotes, doubled quotes, commas and line breaks in fields, with each record’s first line', () => {
    const text = 'a,b,c\r\n"x, y","say ""hi""","two\r\nlines"\r\n\r\nlast,,\n"only"';
    expect(parseCsv(text)).toEqual({
      ok: true,
      records: [
        { line: 1, fields: ['a', 'b', 'c'] },
        { line: 2, fields: ['x, y', 'say "hi"', 'two\r\nlines'] },
        { line: 5, fields: ['last', '', ''] },
        { line: 6, fields: ['only'] },
      ],
    });
  });

  it('ignores a BOM and accepts LF-only files', () => {
    expect(parseCsv('\uFEFFa,b\nc,d\n')).toEqual({
      ok: true,
      records: [
        { line: 1, fields: ['a', 'b'] },
        { line: 2, fields: ['c', 'd'] },
      ],
    });
  });

  it('says where a malformed file goes wrong', () => {
    expect(parseCsv('a,b\n"open,c\nd')).toEqual({
      ok: false,
      line: 2,
      column: 1,
      reason: 'unterminated_quote',
    });
    expect(parseCsv('a,b"c\n')).toEqual({ ok: false, line: 1, column: 4, reason: 'quote_in_unquoted_field' });
    expect(parseCsv('x\n"a"b,c')).toEqual({
      ok: false,
      line: 2,
      column: 4,
      reason: 'text_after_closing_quote',
    });
  });

  it('writes what it reads back, with a BOM and CR LF (property)', () => {
    const field = fc.string({ unit: fc.constantFrom('a', 'ä', 'ก', '中', ',', '"', '\r\n', '\n', ' ', '1') });
    fc.assert(
      fc.property(
        fc.array(fc.array(field, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 6 }),
        (rows) => {
          const written = formatCsv(rows, { guardFormulas: false });
          expect(written.startsWith('\uFEFF')).toBe(true);
          expect(written.endsWith('\r\n')).toBe(true);
          const back = parseCsv(written);
          if (!back.ok) throw new Error(back.reason);
          // A row of one empty field is a blank line, which readers skip.
          const kept = rows.filter((r) => !(r.length === 1 && r[0] === ''));
          expect(back.records.map((r) => r.fields)).toEqual(kept);
        },
      ),
    );
  });

  it('guards text that a spreadsheet would run as a formula, not numbers', () => {
    expect(formatCsv([['=HYPERLINK("x")', '-1.5', '+66 81 234', '@SUM(A1)', 'plain']], { bom: false })).toBe(
      `"'=HYPERLINK(""x"")",-1.5,'+66 81 234,'@SUM(A1),plain\r\n`,
    );
  });

  it('decodes UTF-8 with or without a BOM and names the line where it is not UTF-8', () => {
    const utf8 = new TextEncoder().encode('ชื่อ,số\n');
    expect(decodeUtf8(utf8)).toEqual({ ok: true, text: 'ชื่อ,số\n' });
    expect(decodeUtf8(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8]))).toEqual({ ok: true, text: 'ชื่อ,số\n' });
    // "a\nb\n" then a Windows-1252 é (0xE9) on line 3.
    expect(decodeUtf8(new Uint8Array([0x61, 0x0a, 0x62, 0x0a, 0x63, 0xe9, 0x0a]))).toEqual({
      ok: false,
      line: 3,
      byteOffset: 5,
    });
    expect(decodeUtf8(new Uint8Array([0xc0, 0x80]))).toMatchObject({ ok: false }); // overlong
    expect(decodeUtf8(new Uint8Array([0xed, 0xa0, 0x80]))).toMatchObject({ ok: false }); // surrogate
    expect(decodeUtf8(new Uint8Array([0xe0, 0xb8]))).toMatchObject({ ok: false }); // truncated
  });
});
