import { z } from 'zod';

/**
 * Printer profiles and print-job views: shared so the settings screen, the contract and the
 * SQLite CHECK constraints use the very same lists.
 */
export const PRINTER_LANGUAGES = ['zpl', 'escpos-epson', 'escpos-star', 'pdf'] as const;
export type PrinterLanguage = (typeof PRINTER_LANGUAGES)[number];

/** What a rendered label can be produced as (a printer language, or a picture of it). */
export const LABEL_FORMATS = ['zpl', 'escpos', 'png', 'pdf'] as const;
export type LabelFormat = (typeof LABEL_FORMATS)[number];

export const PRINT_JOB_STATUSES = ['queued', 'sending', 'printed', 'failed', 'cancelled'] as const;
export type PrintJobStatus = (typeof PRINT_JOB_STATUSES)[number];

export const PRINTER_STATES = ['unknown', 'online', 'offline'] as const;
export type PrinterState = (typeof PRINTER_STATES)[number];

/**
 * Scripts a printer's own font may cover. Text needing a script no printer font covers is drawn
 * by us and sent as a bitmap, so a Thai or Chinese word never prints as boxes.
 */
export const TEXT_SCRIPTS = ['latin', 'vietnamese', 'thai', 'cjk'] as const;
export type TextScript = (typeof TEXT_SCRIPTS)[number];

export const PRINT_DPIS = [203, 300] as const;
export type PrintDpi = (typeof PRINT_DPIS)[number];

const interfacePattern =
  /^(tcp:\/\/[A-Za-z0-9.-]+(:\d{1,5})?|printer:[^\s].{0,127}|\/dev\/[\w./-]+|\\\\\.\\[\w]+|[A-Za-z]:\\[^\0]+|\/[^\0]+)$/;

export const printerFontSchema = z.strictObject({
  /** ZPL: a font name (`0`, `E:NOTOTHAI.TTF`); ESC/POS: `A` (12×24 dots). */
  id: z.string().min(1).max(40),
  scripts: z.array(z.enum(TEXT_SCRIPTS)).min(1),
});
export type PrinterFont = z.infer<typeof printerFontSchema>;

export const printerProfileSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'lower-case letters, digits and dashes'),
  name: z.string().trim().min(1).max(80),
  language: z.enum(PRINTER_LANGUAGES),
  /** Free text shown to support staff (e.g. "Zebra ZD421", "Epson TM-T88VI"). */
  model: z.string().max(80).default(''),
  /** `tcp://host:9100`, `printer:NAME` (the OS spooler), or a device path (`/dev/usb/lp0`, `\\.\COM1`). */
  interface: z.string().regex(interfacePattern, 'tcp://host:port, printer:NAME or a device path'),
  /** Media width; height null means continuous paper (receipts), cut after each job. */
  media: z.strictObject({
    widthMm: z.number().min(20).max(220),
    heightMm: z.number().min(10).max(1000).nullable(),
  }),
  dpi: z.union([z.literal(203), z.literal(300)]),
  /** ZPL darkness 0–30 (`~SD`); ignored by receipt printers. */
  darkness: z.number().int().min(0).max(30).default(15),
  /** Shifts the whole label on the media, for a printer whose sensor sits a little off. */
  offsetMm: z.strictObject({ x: z.number().min(-20).max(20), y: z.number().min(-20).max(20) }).default({
    x: 0,
    y: 0,
  }),
  /** Fonts the printer itself has, and the scripts each covers. Empty: every text is rasterised. */
  fonts: z.array(printerFontSchema).max(10).default([]),
  /** Templates that print here; empty means any. */
  templates: z.array(z.string().min(1).max(60)).max(50).default([]),
  /** Zebra only: after sending, ask `~HS` and count the job printed only when the printer answers. */
  confirmWithHostStatus: z.boolean().default(false),
  enabled: z.boolean().default(true),
});
export type PrinterProfile = z.infer<typeof printerProfileSchema>;
export type PrinterProfileInput = z.input<typeof printerProfileSchema>;

export const printerStatusViewSchema = z.object({
  printerId: z.string(),
  name: z.string(),
  enabled: z.boolean(),
  state: z.enum(PRINTER_STATES),
  /** Error code of the last failure while offline, null when online. */
  lastError: z.string().nullable(),
  since: z.number().nullable(),
  checkedAt: z.number().nullable(),
  /** Jobs waiting for this printer (queued or being sent). */
  queued: z.number().int(),
  /** How long the oldest of them has waited, by the station's clock; null when none waits. */
  oldestWaitingMs: z.number().nullable(),
});
export type PrinterStatusView = z.infer<typeof printerStatusViewSchema>;

export const printJobViewSchema = z.object({
  id: z.string(),
  printerId: z.string(),
  template: z.string(),
  /** What the label is about, as its barcode says (a return id, a tracking number). */
  summary: z.string().nullable(),
  status: z.enum(PRINT_JOB_STATUSES),
  attempts: z.number().int(),
  requestedBy: z.string(),
  /** The operator's name when `requestedBy` is a user of this station. */
  requestedByName: z.string().nullable(),
  reprintOf: z.string().nullable(),
  reason: z.string().nullable(),
  lastError: z.object({ code: z.string(), params: z.record(z.string(), z.unknown()) }).nullable(),
  byteLength: z.number().int().nullable(),
  sha256: z.string().nullable(),
  createdAt: z.number(),
  nextAttemptAt: z.number(),
  printedAt: z.number().nullable(),
});
export type PrintJobView = z.infer<typeof printJobViewSchema>;

/** A label drawn as the printer prints it, for the screen (the QC station shows what was printed). */
export const labelPreviewSchema = z.object({
  /** PNG, base64: one pixel per printer dot, black and white. */
  png: z.string(),
  widthDots: z.number().int(),
  heightDots: z.number().int(),
  dpi: z.number().int(),
  /** Where the label printed differently from its template's wish (a text cut with "…"). */
  notes: z.array(z.string()),
});
export type LabelPreview = z.infer<typeof labelPreviewSchema>;

export const labelTemplateInfoSchema = z.object({
  name: z.string(),
  title: z.string(),
  description: z.string(),
  widthMm: z.number(),
  heightMm: z.number().nullable(),
});
export type LabelTemplateInfo = z.infer<typeof labelTemplateInfoSchema>;

export const zebraHostStatusSchema = z.object({
  paperOut: z.boolean(),
  paused: z.boolean(),
  headOpen: z.boolean(),
  ribbonOut: z.boolean(),
  labelsRemaining: z.number(),
});

/** A status check's answer: the printer's state as now recorded, and what the printer said. */
export const printerCheckSchema = printerStatusViewSchema.extend({
  reachable: z.boolean(),
  /** The error code when the printer could not be reached (the state says offline). */
  error: z.object({ code: z.string(), params: z.record(z.string(), z.unknown()) }).nullable(),
  hostStatus: zebraHostStatusSchema.nullable(),
});
export type PrinterCheck = z.infer<typeof printerCheckSchema>;
