import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { recognise, type Recognition } from '../../../src/shared/codes/recognise';
import { CHECKED_SAMPLES, mutateAt } from '../../helpers/code-samples';

const GS = '\u001d';

/** What a recognition says about the code, leaving out the echo of the input and the framing notes. */
function verdict(r: Recognition) {
  const { input: _input, notes: _notes, ...rest } = r;
  return rest;
}

/** UTF-16 code units of every kind: control characters, lone surrogates, private use. */
const anyUnits = fc
  .array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 64 })
  .map((units) => String.fromCharCode(...units));

/** Strings that look like scans: digits, letters, GS, AIM prefixes, brackets, dashes. */
const scanLike = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        '0',
        '1',
        '4',
        '9',
        'Z',
        'J',
        'D',
        'T',
        'H',
        'N',
        'V',
        GS,
        ']C1',
        ']E0',
        '(',
        ')',
        '-',
        '%',
      ),
      fc.stringMatching(/^[0-9A-Z]{1,6}$/),
      fc.constantFrom('00', '01', '10', '17', '21', '420', '400', '9400', '1Z', 'LP', 'BADGE-', 'RB'),
    ),
    { maxLength: 20 },
  )
  .map((parts) => parts.join(''));

const prefixes = fc.constantFrom('', '\u0002', '\u0001', ' ', '\r\n', GS, '\u0002 ');
const suffixes = fc.constantFrom('', '\r', '\n', '\r\n', '\t', '\u0003', '\u0004', GS, ' ', '\u0003\r\n');

describe('recognise never fails', () => {
  it('answers every string without throwing, and its answer is serialisable', () => {
    fc.assert(
      fc.property(fc.oneof(anyUnits, fc.string({ maxLength: 200 }), scanLike), (raw) => {
        const r = recognise(raw);
        expect(r.input).toBe(raw);
        expect(() => JSON.stringify(r)).not.toThrow();
        if (r.kind === 'unknown') expect(r.valid).toBe(false);
        else expect(r.candidates[0]?.kind).toBe(r.kind);
      }),
      { numRuns: 2000 },
    );
  });

  it('answers 4 KB of garbage, control characters and lone surrogates with unknown', () => {
    let garbage = '';
    for (let i = 0; i < 4096; i++) garbage += String.fromCharCode((i * 7919) % 0xffff);
    for (const raw of [garbage, '1'.repeat(4096), '\ud800', 'RB123\udfff456785GB', '\u0000\u0007\u001b']) {
      const r = recognise(raw);
      expect(r.kind, JSON.stringify(raw.slice(0, 20))).toBe('unknown');
      expect(r.candidates).toEqual([]);
      expect(r.notes.at(-1)).toMatch(/longer than any label|not on any label|control character/);
    }
  });

  it('keeps the candidates in score order, every score between 0 and 1', () => {
    fc.assert(
      fc.property(scanLike, (raw) => {
        const scores = recognise(raw).candidates.map((c) => c.score);
        for (const s of scores) expect(s >= 0 && s <= 1).toBe(true);
        expect([...scores].sort((a, b) => b - a)).toEqual(scores);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('recognise never calls a code valid whose check digit fails', () => {
  for (const sample of CHECKED_SAMPLES) {
    it(`${sample.format}: a valid code is valid; a mutated one is not, unless its check still holds`, () => {
      fc.assert(
        fc.property(sample.arbitrary, fc.nat(), fc.nat(), (code, where, pick) => {
          const own = recognise(code).candidates.filter((c) => c.format === sample.format);
          expect(
            own.some((c) => c.valid && c.check === 'passed'),
            `${code} should be a valid ${sample.format}`,
          ).toBe(true);

          const mutated = mutateAt(code, where % code.length, pick);
          const mutatedOwn = recognise(mutated).candidates.filter((c) => c.format === sample.format);
          if (!sample.checkHolds(mutated)) {
            expect(
              mutatedOwn.filter((c) => c.valid),
              `${mutated} (from ${code}) fails its check digit`,
            ).toEqual([]);
          }
          // Changing the check character itself is always caught.
          const broken = mutateAt(code, sample.checkIndex ?? code.length - 1, pick);
          expect(recognise(broken).candidates.filter((c) => c.format === sample.format && c.valid)).toEqual(
            [],
          );
        }),
        { numRuns: 300 },
      );
    });
  }
});

describe('recognise is idempotent under scanner framing', () => {
  it('reads the same code whatever prefix and suffix the scanner adds', () => {
    fc.assert(
      fc.property(
        fc.oneof(scanLike, ...CHECKED_SAMPLES.map((s) => s.arbitrary)),
        prefixes,
        suffixes,
        (code, prefix, suffix) => {
          expect(verdict(recognise(`${prefix}${code}${suffix}`))).toEqual(verdict(recognise(code)));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('reads its own stripped code (with the symbology it saw) the same way again', () => {
    fc.assert(
      fc.property(fc.oneof(scanLike, anyUnits), prefixes, suffixes, (code, prefix, suffix) => {
        const first = recognise(`${prefix}${code}${suffix}`);
        const again = recognise(first.symbology ? `]${first.symbology}${first.code}` : first.code);
        expect(verdict(again)).toEqual(verdict(first));
      }),
      { numRuns: 2000 },
    );
  });
});
