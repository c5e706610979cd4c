import * as fontkit from 'fontkit';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { AppError } from '../../shared/errors';
import { scriptOf } from '../printing/text/scripts';

/**
 * The fonts a destruction certificate is set in: the Noto faces the labels ship with (npm,
 * SIL OFL), embedded in the PDF as real text so any reader — and pdftotext — gets the words back,
 * item names in Thai or Chinese included. Files are read once per process.
 */
export type FaceName = 'sans' | 'thai' | 'cjk';

const FILES: Record<`${FaceName}${'' | '-bold'}`, { pkg: string; file: string }> = {
  sans: { pkg: '@expo-google-fonts/noto-sans', file: '400Regular/NotoSans_400Regular.ttf' },
  'sans-bold': { pkg: '@expo-google-fonts/noto-sans', file: '700Bold/NotoSans_700Bold.ttf' },
  thai: { pkg: '@expo-google-fonts/noto-sans-thai', file: '400Regular/NotoSansThai_400Regular.ttf' },
  'thai-bold': { pkg: '@expo-google-fonts/noto-sans-thai', file: '700Bold/NotoSansThai_700Bold.ttf' },
  cjk: { pkg: '@embedpdf/fonts-sc', file: 'fonts/NotoSansHans-Regular.otf' },
  'cjk-bold': { pkg: '@embedpdf/fonts-sc', file: 'fonts/NotoSansHans-Bold.otf' },
};

export type FontKey = keyof typeof FILES;

export class CertificateFonts {
  private readonly bytes = new Map<FontKey, Buffer>();
  private latinAscender: number | null = null;
  private readonly resolveFrom = createRequire(__filename);

  get(key: FontKey): Buffer {
    let b = this.bytes.get(key);
    if (!b) {
      b = fs.readFileSync(this.pathOf(key));
      this.bytes.set(key, b);
    }
    return b;
  }

  /**
   * Noto Sans's ascender in thousandths of the size. Every run of a line is set on the baseline
   * this gives: each face's own ascender would put a Chinese run higher than the Latin beside it.
   */
  ascender(): number {
    if (this.latinAscender === null) {
      const font = fontkit.create(this.get('sans')) as fontkit.Font;
      this.latinAscender = (font.ascent / font.unitsPerEm) * 1000;
    }
    return this.latinAscender;
  }

  private pathOf(key: FontKey): string {
    const { pkg, file } = FILES[key];
    for (const dir of this.resolveFrom.resolve.paths(pkg) ?? []) {
      const candidate = path.join(dir, pkg, file);
      if (fs.existsSync(candidate)) return candidate;
    }
    throw new AppError('INTERNAL', { reason: 'font_missing', font: `${pkg}/${file}` });
  }
}

/** A text cut into runs of one face each (Latin and Vietnamese, Thai, Chinese). */
export function faceRuns(text: string): Array<{ face: FaceName; text: string }> {
  const runs: Array<{ face: FaceName; text: string }> = [];
  for (const ch of text.normalize('NFC')) {
    const script = scriptOf(ch.codePointAt(0) as number);
    const face: FaceName = script === 'thai' ? 'thai' : script === 'cjk' ? 'cjk' : 'sans';
    const last = runs.at(-1);
    // A space stays with the run it is in, so a Thai phrase is not cut at each space.
    if (last && (last.face === face || /^\s$/.test(ch))) last.text += ch;
    else runs.push({ face, text: ch });
  }
  return runs;
}
