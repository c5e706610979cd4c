import { describe, expect, it } from 'vitest';
import { validateExternalUrl } from '../../../src/main/shell/external-links';

const policy = { allowedHosts: ['help.lastmile.example', '*.carrier.example'] };

describe('external links', () => {
  it('lets through https to a listed host, as the parsed URL', () => {
    expect(validateExternalUrl('https://help.lastmile.example/returns?x=1#a', policy)).toEqual({
      ok: true,
      url: 'https://help.lastmile.example/returns?x=1#a',
    });
    expect(validateExternalUrl('HTTPS://HELP.LASTMILE.EXAMPLE./', policy)).toEqual({
      ok: true,
      url: 'https://help.lastmile.example./',
    });
    expect(validateExternalUrl('https://track.carrier.example/TH123', policy).ok).toBe(true);
  });

  it('refuses every other scheme: the OS would run their handlers', () => {
    for (const url of [
      'http://help.lastmile.example/',
      'file:///C:/Windows/System32/calc.exe',
      'smb://help.lastmile.example/share',
      'ms-msdt:/id PCWDiagnostic',
      'javascript:alert(1)',
      'mailto:someone@help.lastmile.example',
      'app://lastmile/index.html',
    ]) {
      expect(validateExternalUrl(url, policy), url).toMatchObject({ ok: false, reason: 'not_https' });
    }
  });

  it('refuses look-alike hosts, credentials, other ports, garbage', () => {
    expect(validateExternalUrl('https://help.lastmile.example.evil.example/', policy)).toMatchObject({
      reason: 'host_not_allowed',
    });
    expect(validateExternalUrl('https://evilhelp.lastmile.example/', policy)).toMatchObject({
      reason: 'host_not_allowed',
    });
    expect(validateExternalUrl('https://help.lastmile.example@evil.example/', policy)).toMatchObject({
      reason: 'credentials',
    });
    expect(validateExternalUrl('https://help.lastmile.example:8443/', policy)).toMatchObject({
      reason: 'port',
    });
    // The wildcard covers sub-domains only, not the bare domain, and not suffix tricks.
    expect(validateExternalUrl('https://carrier.example/', policy)).toMatchObject({
      reason: 'host_not_allowed',
    });
    expect(validateExternalUrl('https://evilcarrier.example/', policy)).toMatchObject({
      reason: 'host_not_allowed',
    });
    expect(validateExternalUrl('not a url', policy)).toMatchObject({ reason: 'unparsable' });
    expect(validateExternalUrl('', policy)).toMatchObject({ reason: 'unparsable' });
    expect(validateExternalUrl(`https://help.lastmile.example/${'a'.repeat(3000)}`, policy)).toMatchObject({
      reason: 'unparsable',
    });
  });

  it('with an empty allow-list opens nothing', () => {
    expect(validateExternalUrl('https://help.lastmile.example/', { allowedHosts: [] })).toMatchObject({
      ok: false,
    });
  });
});
