import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../src/main/audit/canonical-json';

describe('canonicalJson', () => {
  it('sorts keys by UTF-16 code units at every depth, integer-like keys included', () => {
    const value = { b: 1, a: { d: [{ z: 1, y: 2 }], c: 2 }, '10': 'ten', '2': 'two', B: 0 };
    expect(canonicalJson(value)).toBe('{"10":"ten","2":"two","B":0,"a":{"c":2,"d":[{"y":2,"z":1}]},"b":1}');
    // RFC 8785 §3.2.3: U+1F600 (surrogates D83D DE00) sorts before U+FFFF and after U+00E9.
    expect(canonicalJson({ '\uffff': 1, '\u{1f600}': 2, é: 3, a: 4 })).toBe(
      '{"a":4,"é":3,"😀":2,"\uffff":1}',
    );
  });

  it('gives the same text whatever order the keys were set in', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (dict) => {
        const reversed = Object.fromEntries(Object.entries(dict).reverse());
        expect(canonicalJson(reversed)).toBe(canonicalJson(dict));
        // …and it is JSON for the same value.
        expect(JSON.parse(canonicalJson(dict))).toEqual(JSON.parse(JSON.stringify(dict)));
      }),
      { numRuns: 300 },
    );
  });

  it('writes numbers as ECMAScript does, -0 as 0 and non-finite numbers as null', () => {
    expect(canonicalJson([1, 1.5, -0, 1e21, 1e-7, 0.1 + 0.2, 2 ** 53, -12.0])).toBe(
      '[1,1.5,0,1e+21,1e-7,0.30000000000000004,9007199254740992,-12]',
    );
    expect(canonicalJson({ n: Number.NaN, i: Number.POSITIVE_INFINITY })).toBe('{"i":null,"n":null}');
  });

  it('escapes strings as JSON.stringify does, a lone surrogate included; other characters are themselves', () => {
    expect(canonicalJson('a"b\\c\n\t\u0000\u001f\u007f é ไทย 中文 😀')).toBe(
      '"a\\"b\\\\c\\n\\t\\u0000\\u001f\u007f é ไทย 中文 😀"',
    );
    expect(canonicalJson('x\ud800y\udc00')).toBe('"x\\ud800y\\udc00"');
  });

  it('converts values as JSON.stringify does: toJSON, boxed primitives, undefined left out or null', () => {
    const at = new Date(Date.UTC(2026, 0, 15, 8, 0, 0));
    expect(
      canonicalJson({
        at,
        u: undefined,
        f: () => 1,
        list: [undefined, () => 1, Symbol('s')],
        boxed: [Object(1), Object('s'), Object(false)],
        custom: { toJSON: () => ({ z: 1, a: 2 }) },
      }),
    ).toBe(
      '{"at":"2026-01-15T08:00:00.000Z","boxed":[1,"s",false],"custom":{"a":2,"z":1},"list":[null,null,null]}',
    );
    expect(canonicalJson(undefined)).toBe('null');
  });

  it('refuses BigInts and cycles, but not a value shared twice', () => {
    expect(() => canonicalJson({ n: 1n })).toThrow(TypeError);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = { back: cyclic };
    expect(() => canonicalJson(cyclic)).toThrow(/cycle/);
    const shared = { k: 1 };
    expect(canonicalJson({ a: shared, b: [shared] })).toBe('{"a":{"k":1},"b":[{"k":1}]}');
  });
});
