#!/usr/bin/env node
// The command-line tools the tests read our PDFs back with (poppler's pdftotext, pdftoppm,
// pdfinfo; barcodes are decoded in-process by zxing-wasm, and by zbarimg for platform labels), installed from Debian where the machine
// allows it, so a fresh machine's `npm install && npm test` needs nothing else. Where it cannot
// install, one line says what to install and the tests fail; none is skipped.
import { pathToFileURL } from 'node:url';
import { aptInstall, canInstallWithApt, onPath } from './debian-packages.mjs';

/** Each tool and the Debian package that ships it. */
const TOOLS = [
  { name: 'pdftotext', pkg: 'poppler-utils' },
  { name: 'pdftoppm', pkg: 'poppler-utils' },
  { name: 'pdfinfo', pkg: 'poppler-utils' },
  // ZBar: a second barcode reader, for the platform labels we rasterise from PDF.
  { name: 'zbarimg', pkg: 'zbar-tools' },
];

function missingPackages(env) {
  return [...new Set(TOOLS.filter((t) => onPath(t.name, env) === null).map((t) => t.pkg))];
}

export function ensureTestTools({
  env = process.env,
  log = (line) => process.stderr.write(`${line}\n`),
  allowInstall = canInstallWithApt(env),
} = {}) {
  let missing = missingPackages(env);
  if (missing.length > 0 && allowInstall) {
    try {
      aptInstall(missing, log);
    } catch (err) {
      throw new Error(`apt-get install ${missing.join(' ')} failed (${err.message.split('\n')[0]})`);
    }
    missing = missingPackages(env);
  }
  if (missing.length > 0) {
    throw new Error(
      `the tests read PDFs back with ${TOOLS.map((t) => t.name).join(', ')}: ` +
        `install them (Debian/Ubuntu: apt-get install -y ${missing.join(' ')})`,
    );
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    ensureTestTools();
  } catch (err) {
    process.stderr.write(`${err.message}\n`);
    process.exit(1);
  }
}
