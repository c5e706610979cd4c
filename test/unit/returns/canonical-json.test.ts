import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../src/shared/returns/canonical-json';

describe('canonical JSON', () => {
  it('gives one text for one value: keys sorted at every depth, no whitespace, arrays in order', () => {
    const a = { b: [3, { z: 1, a: 'x' }], a: null, é: 'ลิปสติก', c: true };
    const b = { c: true, é: 'ลิปสติก', a: null, b: [3, { a: 'x', z: 1 }] };
    expect(canonicalJson(a)).toBe('{"a":null,"b":[3,{"a":"x","z":1}],"c":true,"é":"ลิปสติก"}');
    expect(canonicalJson(b)).toBe(canonicalJson(a));
    expect(JSON.parse(canonicalJson(a))).toEqual(a);
  });

  it('refuses what has no single text rather than hashing it', () => {
    expect(() => canonicalJson({ a: undefined })).toThrow(/undefined/);
    expect(() => canonicalJson({ a: Number.NaN })).toThrow(/finite/);
    expect(() => canonicalJson({ a: () => 1 })).toThrow(/function/);
  });
});
