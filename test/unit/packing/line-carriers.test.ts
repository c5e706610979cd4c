import { describe, expect, it } from 'vitest';
import {
  carrierName,
  carrierOfLine,
  providerIsCarrier,
  serviceForParcel,
} from '../../../src/shared/packing/line-carriers';
import { remoteAreaOf } from '../../../src/shared/packing/remote-areas';

describe('route lines to carriers and services', () => {
  it('a line named for a carrier, or for one of its accounts, is that carrier; others are none', () => {
    expect(carrierOfLine('jnt-my')).toBe('jnt-my');
    expect(carrierOfLine('JNT-MY-kl')).toBe('jnt-my');
    expect(carrierOfLine('posmy_backup')).toBe('posmy');
    expect(carrierOfLine('jnt-myx')).toBeNull();
    expect(carrierOfLine('tiktok-my')).toBeNull();
  });

  it('picks the preferred service when it is the carrier’s, else the one for the scope', () => {
    expect(serviceForParcel('jnt-my', 'MY', 'MY', null)?.id).toBe('jnt-my-domestic');
    expect(serviceForParcel('jnt-my', 'MY', 'SG', null)?.id).toBe('jnt-my-international');
    expect(serviceForParcel('jnt-my', 'MY', 'MY', 'jnt-my-international')?.id).toBe('jnt-my-international');
    // Another carrier's preferred service does not apply; a market the carrier does not serve has none.
    expect(serviceForParcel('jnt-my', 'MY', 'MY', 'posmy-parcel')?.id).toBe('jnt-my-domestic');
    expect(serviceForParcel('ghn', 'MY', 'MY', null)).toBeNull();
  });

  it('matches the platform’s provider names to our carriers, ignoring case and spacing', () => {
    expect(carrierName('jnt-my')).toBe('J&T Express');
    expect(providerIsCarrier('J&T Express', 'jnt-my')).toBe(true);
    expect(providerIsCarrier('j&t  express', 'jnt-my')).toBe(true);
    expect(providerIsCarrier('Ninja Van', 'jnt-my')).toBe(false);
    expect(providerIsCarrier('Pos Malaysia', 'posmy')).toBe(true);
  });

  it('flags East Malaysian postcodes as remote, the peninsula and odd postcodes not', () => {
    expect(remoteAreaOf('MY', '88100')?.name).toBe('Sabah');
    expect(remoteAreaOf('MY', '93050')?.name).toBe('Sarawak');
    expect(remoteAreaOf('MY', '87000')?.name).toBe('Labuan');
    expect(remoteAreaOf('MY', '50450')).toBeNull();
    expect(remoteAreaOf('MY', 'WC2N 5DU')).toBeNull();
    expect(remoteAreaOf('TH', '88100')).toBeNull();
    expect(remoteAreaOf('MY', null)).toBeNull();
  });
});
