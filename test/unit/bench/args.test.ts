import { describe, expect, it } from 'vitest';
import { parseArgs } from '../../../bench/args';

describe('bench arguments', () => {
  it('takes --only=a,b and --only a,b alike', () => {
    expect(parseArgs(['--only=commit-latency,claim-ack']).only).toEqual(['commit-latency', 'claim-ack']);
    expect(parseArgs(['--only', 'recognise-rate']).only).toEqual(['recognise-rate']);
    expect(parseArgs(['--only', 'a, b', '--json'])).toMatchObject({ only: ['a', 'b'], json: true });
  });

  it('refuses --only without names', () => {
    expect(() => parseArgs(['--only'])).toThrow(/--only needs case names/);
    expect(() => parseArgs(['--only', '--json'])).toThrow(/--only needs case names/);
  });
});
