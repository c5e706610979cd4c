export function ensureTestTools(options?: {
  env?: NodeJS.ProcessEnv;
  log?: (line: string) => void;
  allowInstall?: boolean;
}): void;
