import { describe, expect, it } from 'vitest';
import { secureWebPreferences, webPreferencesProblems } from '../../../src/main/shell/web-preferences';

describe('web preferences', () => {
  it('the app’s own set has no problem', () => {
    expect(webPreferencesProblems(secureWebPreferences('/p.js'))).toEqual([]);
  });

  it('name each unsafe setting', () => {
    const safe = secureWebPreferences('/p.js');
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ contextIsolation: false }, /contextIsolation/],
      [{ sandbox: false }, /sandbox/],
      [{ nodeIntegration: true }, /nodeIntegration must/],
      [{ nodeIntegrationInSubFrames: true }, /SubFrames/],
      [{ nodeIntegrationInWorker: true }, /InWorker/],
      [{ webSecurity: false }, /webSecurity/],
      [{ allowRunningInsecureContent: true }, /allowRunningInsecureContent/],
      [{ experimentalFeatures: true }, /experimentalFeatures/],
      [{ enableBlinkFeatures: 'ExecCommandInJavaScript' }, /enableBlinkFeatures/],
      [{ webviewTag: true }, /webviewTag/],
    ];
    for (const [change, problem] of cases) {
      const problems = webPreferencesProblems({ ...safe, ...change });
      expect(problems, JSON.stringify(change)).toHaveLength(1);
      expect(problems[0]).toMatch(problem);
    }
    // Electron's defaults are not enough on their own: isolation and sandbox must be explicit.
    expect(webPreferencesProblems({})).toEqual(['contextIsolation must be true', 'sandbox must be true']);
  });
});
