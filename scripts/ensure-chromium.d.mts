export const ENV_VAR: string;
export const HOW_TO_INSTALL: string;
export const CHROMIUM_ARGS: readonly string[];
export function findChromium(env?: NodeJS.ProcessEnv, fixedPaths?: readonly string[]): string | null;
export function canInstallWithApt(env?: NodeJS.ProcessEnv): boolean;
export function ensureChromium(options?: {
  env?: NodeJS.ProcessEnv;
  log?: (line: string) => void;
  fixedPaths?: readonly string[];
  allowInstall?: boolean;
}): string;
