import type { PrinterProfile } from '../../../shared/printing';
import type { LabelTemplate } from '../layout/model';

/** Continuous paper (a receipt roll) for a receipt template, die-cut labels for a label template. */
function mediaSuits(profile: PrinterProfile, template: Pick<LabelTemplate, 'size'>): boolean {
  const continuousTemplate = template.size.heightMm === null;
  const continuousMedia = profile.media.heightMm === null || profile.language.startsWith('escpos');
  if (continuousTemplate !== continuousMedia) return false;
  // A label a little wider than the media still prints (its margins are blank); one far wider does not.
  return template.size.widthMm <= profile.media.widthMm + 2 || continuousMedia;
}

/**
 * Which of the station's printers a template goes to when the caller names none:
 *  1. an enabled printer whose profile lists the template ("QC tags print on QC-Zebra");
 *  2. else an enabled printer that prints any template, on media of the template's kind;
 *  3. else a disabled printer that lists it (the job waits there until it is switched on).
 * Ties go to the lowest printer id, so the choice is stable. Null: no printer prints it.
 */
export function routePrinter(
  profiles: readonly PrinterProfile[],
  template: Pick<LabelTemplate, 'name' | 'size'>,
): PrinterProfile | null {
  const sorted = [...profiles].sort((a, b) => a.id.localeCompare(b.id));
  const listing = sorted.filter((p) => p.templates.includes(template.name));
  return (
    listing.find((p) => p.enabled) ??
    sorted.find((p) => p.enabled && p.templates.length === 0 && mediaSuits(p, template)) ??
    listing[0] ??
    null
  );
}

/** The template a test print uses: one the printer may print, on media it has. */
export function testTemplateFor(
  profile: PrinterProfile,
  templates: readonly Pick<LabelTemplate, 'name' | 'size'>[],
): string | null {
  const allowed = templates.filter(
    (t) => profile.templates.length === 0 || profile.templates.includes(t.name),
  );
  const fits = (t: Pick<LabelTemplate, 'size'>): boolean =>
    mediaSuits(profile, t) &&
    (t.size.heightMm === null ||
      profile.media.heightMm === null ||
      t.size.heightMm <= profile.media.heightMm + 2);
  return (allowed.find(fits) ?? allowed[0])?.name ?? null;
}
