/**
 * What the update service needs from an updater. The shell adapts electron-updater to it; tests
 * can hand in electron-updater's own classes built under plain Node, or a scripted stand-in.
 */
export interface UpdaterLike {
  /** Asks the update server; the newer version offered to this station, or null (none, or not in the rollout). */
  check(): Promise<{ version: string } | null>;
  /**
   * Downloads the offered version in the background. Resolves only once the file matched the
   * published sha512 and size; rejects otherwise (a verification failure has `code`
   * ERR_CHECKSUM_MISMATCH) and keeps nothing that could be installed.
   */
  download(signal: AbortSignal): Promise<void>;
  /** Restarts into the downloaded version now. */
  installNow(): void;
  /** Whether quitting the app should install the downloaded version. */
  setInstallOnQuit(install: boolean): void;
}

/** Error codes electron-updater uses when a downloaded file is not the one published. */
export const VERIFICATION_ERROR_CODES: readonly string[] = [
  'ERR_CHECKSUM_MISMATCH',
  'ERR_UPDATER_INVALID_SIZE',
];

export function isVerificationFailure(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && VERIFICATION_ERROR_CODES.includes(code)) return true;
  const message = error instanceof Error ? error.message : '';
  return /sha512 checksum mismatch|size mismatch/i.test(message);
}
