import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/**
 * What an administrator sets for a desktop installation, in `desktop-config.json` in the data
 * folder (deployed by IT, not edited from the screens): where updates come from and when they may
 * install, which sites links may open, whether a weak secret store is acceptable.
 */
export const DESKTOP_CONFIG_FILE = 'desktop-config.json';

const hostName = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)*\.?$/, 'a host name such as help.example.com or *.example.com');

const updateUrl = z
  .string()
  .url()
  .refine((u) => {
    const url = new URL(u);
    // The channel file carries the sha512 the download is checked against: over plain http anyone
    // on the network could replace both. Loopback is allowed for a local test server.
    return (
      url.protocol === 'https:' ||
      (url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname))
    );
  }, 'the update URL must be https');

export const desktopConfigSchema = z
  .object({
    externalLinks: z
      .object({ allowedHosts: z.array(hostName).max(100).default([]) })
      .strict()
      .default({ allowedHosts: [] }),
    updates: z
      .object({
        url: updateUrl.nullable().default(null),
        channel: z.enum(['stable', 'beta']).default('stable'),
        /** "HH:MM" local time at which an idle station may install; null: only when the app quits. */
        installAt: z
          .string()
          .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM, 24-hour')
          .nullable()
          .default(null),
        installWindowMinutes: z.number().int().min(1).max(720).default(120),
        minIdleMinutes: z.number().int().min(1).max(240).default(10),
        checkEveryHours: z.number().min(0.25).max(168).default(4),
      })
      .strict()
      .default({
        url: null,
        channel: 'stable',
        installAt: null,
        installWindowMinutes: 120,
        minIdleMinutes: 10,
        checkEveryHours: 4,
      }),
    secrets: z
      .object({
        /** The administrator accepts that, on Linux without a keyring, secrets are only obfuscated. */
        allowPlainTextBackend: z.boolean().default(false),
      })
      .strict()
      .default({ allowPlainTextBackend: false }),
  })
  .strict();

export type DesktopConfig = z.infer<typeof desktopConfigSchema>;

export const DEFAULT_DESKTOP_CONFIG: DesktopConfig = desktopConfigSchema.parse({});

export interface LoadedDesktopConfig {
  config: DesktopConfig;
  /** Why the file was not used (then every setting is its safe default). */
  problem: string | null;
}

/** Reads the file; a missing file is the defaults, a broken one the defaults and a problem to log. */
export function loadDesktopConfig(dataDir: string): LoadedDesktopConfig {
  const file = path.join(dataDir, DESKTOP_CONFIG_FILE);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      return { config: DEFAULT_DESKTOP_CONFIG, problem: null };
    return { config: DEFAULT_DESKTOP_CONFIG, problem: `cannot read ${file}: ${(error as Error).message}` };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { config: DEFAULT_DESKTOP_CONFIG, problem: `${file} is not valid JSON` };
  }
  const parsed = desktopConfigSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return {
      config: DEFAULT_DESKTOP_CONFIG,
      problem: `${file}: ${issue ? `${issue.path.join('.') || '(top)'}: ${issue.message}` : 'invalid'}`,
    };
  }
  return { config: parsed.data, problem: null };
}
