import type { Dispatch } from '../api/dispatch';
import type { Logger } from '../logger';

export interface ParcelOpenProbeOptions {
  /** The contract, wherever the core runs (in another process in the app). */
  dispatch: Dispatch;
  logger: Logger;
  /** How often the answer is refreshed in the background. */
  refreshEveryMs?: number;
  /** An answer older than this counts as unknown, and unknown counts as open. */
  staleAfterMs?: number;
  /** The client id the questions are asked as (it needs no sign-in: getActivity is for anyone). */
  clientId?: string;
}

/** The client id of the app's own questions to the core, apart from every window's. */
export const UPDATES_CLIENT_ID = 'main:updates';

/**
 * Whether a parcel is open at the station, for the update policy, which must decide at once (on
 * quit, at a tick): the answer of the last `getActivity` call, refreshed in the background and
 * on demand. No answer yet, a stale one, or a failed call all count as "open" — an update waits
 * rather than restart the app under a clerk's hands.
 */
export class ParcelOpenProbe {
  private last: { open: boolean; at: number } | null = null;
  private timer: NodeJS.Timeout | null = null;
  private refreshing: Promise<void> | null = null;
  private readonly refreshEveryMs: number;
  private readonly staleAfterMs: number;

  constructor(private readonly options: ParcelOpenProbeOptions) {
    this.refreshEveryMs = options.refreshEveryMs ?? 15_000;
    this.staleAfterMs = options.staleAfterMs ?? 4 * this.refreshEveryMs;
  }

  start(): void {
    if (this.timer) return;
    void this.refresh();
    this.timer = setInterval(() => void this.refresh(), this.refreshEveryMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** The update policy's question; never throws. */
  readonly isOpen = (): boolean => {
    const last = this.last;
    if (!last) return true;
    if (performance.now() - last.at > this.staleAfterMs) return true;
    return last.open;
  };

  /** Asks the core now (one question at a time); settles when the answer is in, or the call failed. */
  refresh(): Promise<void> {
    this.refreshing ??= this.ask().finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  private async ask(): Promise<void> {
    const envelope = await this.options.dispatch(
      'getActivity',
      {},
      { clientId: this.options.clientId ?? UPDATES_CLIENT_ID },
    );
    if (envelope.ok) {
      const value = envelope.value as { parcelOpen?: unknown };
      this.last = { open: value.parcelOpen !== false, at: performance.now() };
      return;
    }
    // Unknown is open: forget the last answer rather than trust it for longer than it is fresh.
    this.last = null;
    this.options.logger.warn('cannot tell whether a parcel is open; updates wait', {
      error: envelope.error.code,
    });
  }
}
