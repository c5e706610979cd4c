#!/usr/bin/env node
// Finds a Chromium the browser tests can drive, installing Debian's package (and the CJK and Thai
// fonts the screenshots need) where the machine allows it. Used by the browser tests' global setup,
// so `npm install && npm test` needs nothing else; runnable alone as `npm run setup:browser`.
import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { aptInstall, canInstallWithApt, isExecutable, onPath } from './debian-packages.mjs';

export { canInstallWithApt };

export const ENV_VAR = 'LASTMILE_CHROMIUM';
const FIXED_PATHS = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];
const PATH_NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'chrome'];
const APT_PACKAGES = ['chromium'];
// Noto CJK for Chinese, TLWG for Thai; Vietnamese and Malay are covered by the default Latin fonts.
const FONT_PACKAGES = ['fonts-noto-cjk', 'fonts-thai-tlwg'];

/** How the browser tests and the browser benchmarks start it: headless, quiet, nothing fetched. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
  '--disable-quic',
];

export const HOW_TO_INSTALL =
  `browser tests need Chromium: install it (Debian/Ubuntu: apt-get install -y ${[...APT_PACKAGES, ...FONT_PACKAGES].join(' ')}) ` +
  `or set ${ENV_VAR}=/path/to/chromium`;

/** The first usable browser: the env variable, Debian's path, then a Chrome or Chromium on PATH. */
export function findChromium(env = process.env, fixedPaths = FIXED_PATHS) {
  const fromEnv = env[ENV_VAR];
  if (fromEnv) {
    if (isExecutable(fromEnv)) return fromEnv;
    throw new Error(`${ENV_VAR}=${fromEnv} is not an executable file`);
  }
  for (const file of fixedPaths) if (isExecutable(file)) return file;
  for (const name of PATH_NAMES) {
    const found = onPath(name, env);
    if (found) return found;
  }
  return null;
}

function missingFonts() {
  const result = spawnSync('fc-list', [], { encoding: 'utf8' });
  if (result.status !== 0) return FONT_PACKAGES;
  const fonts = result.stdout;
  const missing = [];
  if (!/Noto Sans CJK/i.test(fonts)) missing.push('fonts-noto-cjk');
  if (!/(Loma|Garuda|Kinnari|Norasi|Noto Sans Thai)/i.test(fonts)) missing.push('fonts-thai-tlwg');
  return missing;
}

/**
 * A Chromium path, after installing what is missing where allowed. Throws one line saying what to
 * install where it cannot — the browser tests then fail; they are never skipped.
 */
export function ensureChromium({
  env = process.env,
  log = (line) => process.stderr.write(`${line}\n`),
  fixedPaths = FIXED_PATHS,
  allowInstall = canInstallWithApt(env),
} = {}) {
  let found = findChromium(env, fixedPaths);
  const allowed = allowInstall;
  const packages = [...(found ? [] : APT_PACKAGES), ...(allowed ? missingFonts() : [])];
  if (packages.length > 0 && allowed) {
    try {
      aptInstall(packages, log);
    } catch (err) {
      throw new Error(
        `apt-get install ${packages.join(' ')} failed (${err.message.split('\n')[0]}); ${HOW_TO_INSTALL}`,
      );
    }
    found = findChromium(env, fixedPaths);
  }
  if (!found) throw new Error(HOW_TO_INSTALL);
  if (!allowed && missingFonts().length > 0) {
    log(
      `note: fonts ${missingFonts().join(' ')} are missing; screenshots of Chinese and Thai screens will show boxes`,
    );
  }
  return found;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    process.stdout.write(`${ensureChromium()}\n`);
  } catch (err) {
    process.stderr.write(`${err.message}\n`);
    process.exit(1);
  }
}
