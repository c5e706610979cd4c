import type { WebPreferences } from 'electron';

/** The renderer's settings: an isolated, sandboxed page with no Node, no webview, no insecure content. */
export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInSubFrames: false,
    nodeIntegrationInWorker: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: false,
  };
}

/**
 * What is wrong with a set of web preferences, in words; empty when it is safe. The window refuses
 * to open with any problem, so a later edit cannot quietly switch one of these off.
 */
export function webPreferencesProblems(prefs: WebPreferences): string[] {
  const problems: string[] = [];
  const must = (ok: boolean, problem: string): void => {
    if (!ok) problems.push(problem);
  };
  must(prefs.contextIsolation === true, 'contextIsolation must be true');
  must(prefs.sandbox === true, 'sandbox must be true');
  must(prefs.nodeIntegration !== true, 'nodeIntegration must be off');
  must(prefs.nodeIntegrationInSubFrames !== true, 'nodeIntegrationInSubFrames must be off');
  must(prefs.nodeIntegrationInWorker !== true, 'nodeIntegrationInWorker must be off');
  must(prefs.webSecurity !== false, 'webSecurity must stay on');
  must(prefs.allowRunningInsecureContent !== true, 'allowRunningInsecureContent must be off');
  must(prefs.experimentalFeatures !== true, 'experimentalFeatures must be off');
  must(!prefs.enableBlinkFeatures, 'enableBlinkFeatures must be empty');
  must(prefs.webviewTag !== true, 'webviewTag must be off');
  return problems;
}
