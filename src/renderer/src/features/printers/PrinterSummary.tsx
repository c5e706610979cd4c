import { useTranslation } from 'react-i18next';
import { useFeature } from '../../app/stores-context';

/** The printer's settings as a clerk sees them: read only (a supervisor edits them). */
export function PrinterSummary() {
  const { t } = useTranslation();
  const profile = useFeature('printers', (s) => s.printers.find((p) => p.id === s.selectedId) ?? null);
  if (!profile) return null;
  const size =
    profile.media.heightMm === null
      ? `${profile.media.widthMm} mm`
      : `${profile.media.widthMm} × ${profile.media.heightMm} mm`;
  const rows: [string, string][] = [
    [t('printers.summary.language'), t(`printerLanguage.${profile.language}`)],
    [t('printers.summary.model'), profile.model || t('app.none')],
    [t('printers.summary.interface'), profile.interface],
    [t('printers.summary.media'), `${size}, ${profile.dpi} dpi`],
    [
      t('printers.summary.fonts'),
      profile.fonts.length === 0
        ? t('app.none')
        : profile.fonts
            .map((f) => `${f.id} (${f.scripts.map((s) => t(`textScript.${s}`)).join(', ')})`)
            .join('; '),
    ],
    [
      t('printers.summary.templates'),
      profile.templates.length === 0
        ? t('printers.anyLabel')
        : profile.templates.map((n) => t(`labelTemplate.${n}`, { defaultValue: n })).join(', '),
    ],
  ];
  return (
    <dl className="printer-summary">
      {rows.map(([label, value]) => (
        <div key={label} className="printer-summary-row">
          <dt className="field-label">{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
