import { describe, expect, it } from 'vitest';
import { reasonFromText } from '../../../src/main/carriers/reason-words';
import { trackingNumberProblem } from '../../../src/main/carriers/tracking-events';
import { header, signaturesMatch } from '../../../src/main/carriers/webhook-checks';
import { MemoryConnectorState } from '../../../src/main/carriers/memory-state';
import { ManualClock } from '../../../src/main/clock';

describe('connector building blocks', () => {
  it('compares signatures exactly, whatever their lengths', () => {
    expect(signaturesMatch('abc=', 'abc=')).toBe(true);
    expect(signaturesMatch('abc=', ' abc= ')).toBe(true);
    expect(signaturesMatch('abc=', 'abd=')).toBe(false);
    expect(signaturesMatch('abc=', 'abc')).toBe(false);
    expect(signaturesMatch('abc=', '')).toBe(false);
    expect(signaturesMatch('abc=', undefined)).toBe(false);
  });

  it('reads headers whatever their case', () => {
    expect(header({ 'X-Ninjavan-Hmac-Sha256': 'v' }, 'x-ninjavan-hmac-sha256')).toBe('v');
    expect(header({ sign: 's' }, 'Sign')).toBe('s');
    expect(header({}, 'sign')).toBeUndefined();
  });

  it('remembers a key once until it expires', () => {
    const clock = new ManualClock(0);
    const state = new MemoryConnectorState(clock);
    expect(state.remember('k', 1000)).toBe(true);
    expect(state.remember('k', 1000)).toBe(false);
    clock.advance(1001);
    expect(state.remember('k', 1000)).toBe(true);
  });

  it('refuses tracking numbers that no carrier issues', () => {
    expect(trackingNumberProblem('EE123456789TH')).toBeNull();
    expect(trackingNumberProblem('NV-SG-123')).toBeNull();
    expect(trackingNumberProblem('A'.repeat(4096))).toBe(
      'tracking number too long (4096 characters, at most 64)',
    );
    expect(trackingNumberProblem('')).toBe('empty tracking number');
    expect(trackingNumberProblem('12 34')).toBe('tracking number may hold only letters, digits and dashes');
    expect(trackingNumberProblem('-123')).not.toBeNull();
  });

  it('reads why a delivery failed from carrier text, and says nothing when the text does not', () => {
    expect(reasonFromText('Consignee refused')).toBe('refused');
    expect(reasonFromText('Penerima tolak')).toBe('refused');
    expect(reasonFromText('Customer not at home')).toBe('not_home');
    expect(reasonFromText('Wrong address')).toBe('bad_address');
    expect(reasonFromText('Customer phone unreachable')).toBe('contact_failed');
    expect(reasonFromText('Customer requested reschedule')).toBe('rescheduled');
    expect(reasonFromText('Parcel damaged in transit')).toBe('damaged');
    expect(reasonFromText('Held by customs')).toBe('customs');
    expect(reasonFromText('Flood in area')).toBe('weather');
    expect(reasonFromText('COD amount not ready')).toBe('cod_not_ready');
    expect(reasonFromText('Postal code check')).toBeNull();
    expect(reasonFromText(null)).toBeNull();
  });
});
