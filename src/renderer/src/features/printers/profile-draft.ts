import type {
  PrinterLanguage,
  PrinterProfile,
  PrinterProfileInput,
  TextScript,
} from '../../../../shared/printing';

/**
 * A printer profile as the form edits it: numbers as the text typed, so a half-typed value stays
 * on screen; turned into a profile only on Save, where the contract checks every field.
 */
export interface ProfileDraft {
  /** Empty for a new printer until saved: made from the name. */
  id: string;
  isNew: boolean;
  name: string;
  language: PrinterLanguage;
  model: string;
  interface: string;
  widthMm: string;
  /** Empty: continuous paper (a receipt roll). */
  heightMm: string;
  dpi: 203 | 300;
  darkness: string;
  offsetXmm: string;
  offsetYmm: string;
  fonts: { id: string; scripts: TextScript[] }[];
  templates: string[];
  confirmWithHostStatus: boolean;
  enabled: boolean;
}

/** What a new printer of each language usually is: a 100×50 mm Zebra, an 80 mm receipt printer. */
const LANGUAGE_DEFAULTS: Record<
  PrinterLanguage,
  Pick<ProfileDraft, 'widthMm' | 'heightMm' | 'dpi' | 'fonts' | 'interface'>
> = {
  zpl: {
    widthMm: '100',
    heightMm: '50',
    dpi: 203,
    fonts: [{ id: '0', scripts: ['latin'] }],
    interface: 'tcp://',
  },
  'escpos-epson': {
    widthMm: '80',
    heightMm: '',
    dpi: 203,
    fonts: [{ id: 'A', scripts: ['latin'] }],
    interface: 'tcp://',
  },
  'escpos-star': {
    widthMm: '80',
    heightMm: '',
    dpi: 203,
    fonts: [{ id: 'A', scripts: ['latin'] }],
    interface: 'tcp://',
  },
  pdf: { widthMm: '100', heightMm: '150', dpi: 300, fonts: [], interface: 'printer:' },
};

export function newDraft(language: PrinterLanguage = 'zpl'): ProfileDraft {
  return {
    id: '',
    isNew: true,
    name: '',
    language,
    model: '',
    darkness: '15',
    offsetXmm: '0',
    offsetYmm: '0',
    templates: [],
    confirmWithHostStatus: false,
    enabled: true,
    ...structuredClone(LANGUAGE_DEFAULTS[language]),
  };
}

export function draftOf(profile: PrinterProfile): ProfileDraft {
  return {
    id: profile.id,
    isNew: false,
    name: profile.name,
    language: profile.language,
    model: profile.model,
    interface: profile.interface,
    widthMm: String(profile.media.widthMm),
    heightMm: profile.media.heightMm === null ? '' : String(profile.media.heightMm),
    dpi: profile.dpi,
    darkness: String(profile.darkness),
    offsetXmm: String(profile.offsetMm.x),
    offsetYmm: String(profile.offsetMm.y),
    fonts: profile.fonts.map((f) => ({ id: f.id, scripts: [...f.scripts] })),
    templates: [...profile.templates],
    confirmWithHostStatus: profile.confirmWithHostStatus,
    enabled: profile.enabled,
  };
}

/**
 * A new printer switched to another language takes that language's usual media and fonts (unless
 * edited already); an existing printer keeps what it has.
 */
export function withLanguage(draft: ProfileDraft, language: PrinterLanguage): ProfileDraft {
  if (!draft.isNew) return { ...draft, language };
  const before = LANGUAGE_DEFAULTS[draft.language];
  const after = LANGUAGE_DEFAULTS[language];
  const untouched = <K extends keyof typeof before>(key: K): boolean =>
    JSON.stringify(draft[key]) === JSON.stringify(before[key]);
  const next: ProfileDraft = { ...draft, language };
  for (const key of ['widthMm', 'heightMm', 'dpi', 'fonts', 'interface'] as const) {
    if (untouched(key)) (next as unknown as Record<string, unknown>)[key] = structuredClone(after[key]);
  }
  return next;
}

/** Lower-case letters, digits and dashes, as the contract wants an id (e.g. "QC Zebra 2" → "qc-zebra-2"). */
export function idFromName(name: string): string {
  return name
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
}

/** A typed number, or NaN, which the contract refuses with the field's name (never a silent 0). */
function number(text: string): number {
  const t = text.trim().replace(',', '.');
  return /^-?\d+(\.\d+)?$/.test(t) ? Number(t) : Number.NaN;
}

export function profileFromDraft(draft: ProfileDraft): PrinterProfileInput {
  const id = draft.isNew && draft.id.trim() === '' ? idFromName(draft.name) : draft.id.trim();
  return {
    id,
    name: draft.name.trim(),
    language: draft.language,
    model: draft.model.trim(),
    interface: draft.interface.trim(),
    media: {
      widthMm: number(draft.widthMm),
      heightMm: draft.heightMm.trim() === '' ? null : number(draft.heightMm),
    },
    dpi: draft.dpi,
    darkness: number(draft.darkness),
    offsetMm: { x: number(draft.offsetXmm), y: number(draft.offsetYmm) },
    fonts: draft.fonts
      .filter((f) => f.id.trim() !== '' || f.scripts.length > 0)
      .map((f) => ({ id: f.id.trim(), scripts: f.scripts })),
    templates: draft.templates,
    confirmWithHostStatus: draft.language === 'zpl' && draft.confirmWithHostStatus,
    enabled: draft.enabled,
  };
}
