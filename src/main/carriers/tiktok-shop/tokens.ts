import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { Clock } from '../../clock';
import type { Logger } from '../../logger';
import { DeliveryError } from '../../sync/destination';
import type { ConnectorState } from '../connector';
import type { RequestPacer } from '../request-pacer';
import { API_CALLS } from './api-calls';
import { errorOf, readEnvelope, TikTokApiError } from './api-errors';
import type { TikTokShopConfig } from './config';
import { transportFailure } from './transport';

/**
 * The shop's access token: kept in the connector's persistent state (so a restart, the CLI and the
 * app share one token instead of refreshing on every run), refreshed with the refresh token shortly
 * before it expires and once more whenever the platform refuses it. TikTok may hand out a new
 * refresh token with each refresh, and the old one then stops working: the newest one is what the
 * state keeps, and it is written back to the account's credential store (`writeBackSecret`) so
 * whatever reads the store next (a restart, a process without this state) holds a valid one.
 *
 * Refresh: GET {authBaseUrl}/api/v2/token/refresh?app_key&app_secret&refresh_token&grant_type=refresh_token
 * → { code, message, data: { access_token, access_token_expire_in, refresh_token, refresh_token_expire_in } }.
 * The `*_expire_in` fields are Unix timestamps in the platform's examples; a small number is read
 * as seconds from now, as some SDKs describe it.
 */
const STATE_KEY = 'tokens';

/** The platform refused the refresh itself: refreshing again cannot help, only a re-authorisation. */
export class RefreshRefused extends TikTokApiError {
  override readonly name = 'RefreshRefused';
}

const storedSchema = z.object({
  accessToken: z.string().min(1),
  accessExpiresAt: z.number(),
  refreshToken: z.string().min(1),
  refreshExpiresAt: z.number().nullable(),
  /** Hash of the configured refresh token these were derived from; a re-authorisation resets them. */
  basis: z.string(),
  /**
   * Hashes of the refresh tokens the platform handed out since (the newest last): a process whose
   * configuration holds one of them (written back to the credential store) has the same
   * authorisation, not a new one, and keeps these tokens.
   */
  lineage: z.array(z.string()).default([]),
});
type StoredTokens = z.infer<typeof storedSchema>;

const refreshDataSchema = z.object({
  access_token: z.string().min(1),
  access_token_expire_in: z.number(),
  refresh_token: z.string().min(1),
  refresh_token_expire_in: z.number().optional(),
});

export interface TokenKeeperOptions {
  config: TikTokShopConfig;
  state: ConnectorState;
  clock: Clock;
  fetch: typeof fetch;
  /** The account's request budget: a refresh is one of the account's own requests. */
  pacer?: RequestPacer;
  writeBackSecret?: (field: string, value: string) => Promise<void>;
  logger?: Logger;
}

export class TokenKeeper {
  private inFlight: Promise<string> | null = null;
  private readonly basis: string;

  constructor(private readonly options: TokenKeeperOptions) {
    this.basis = hashOf(options.config.refreshToken);
  }

  /** A token good for at least the refresh margin; refreshes first when it is not. */
  async accessToken(signal: AbortSignal): Promise<string> {
    const stored = this.stored();
    const margin = this.options.config.tokenRefreshMarginSeconds * 1000;
    if (stored && stored.accessExpiresAt - margin > this.options.clock.now()) return stored.accessToken;
    return this.refresh(signal);
  }

  /** Refreshes now (one refresh at a time, whoever asks), answering the new access token. */
  refresh(signal: AbortSignal): Promise<string> {
    this.inFlight ??= this.doRefresh(signal).finally(() => {
      this.inFlight = null;
    });
    return this.inFlight;
  }

  /** The platform refused `token`: never offer it again (a newer one may already be stored). */
  refused(token: string): void {
    const stored = this.stored();
    if (stored && stored.accessToken === token) this.save({ ...stored, accessExpiresAt: 0 });
  }

  private stored(): StoredTokens | null {
    const raw = this.options.state.get(STATE_KEY);
    if (raw !== undefined) {
      try {
        const parsed = storedSchema.safeParse(JSON.parse(raw));
        // A configured token that is one of ours written back is the same authorisation: the
        // tokens stay (a refresh would only rotate and write back again).
        if (parsed.success && (parsed.data.basis === this.basis || parsed.data.lineage.includes(this.basis)))
          return parsed.data;
      } catch {
        // unreadable state: start again from the configuration
      }
    }
    const { accessToken, accessTokenExpiresAt, refreshToken } = this.options.config;
    return accessToken !== undefined && accessTokenExpiresAt !== undefined
      ? {
          accessToken,
          accessExpiresAt: accessTokenExpiresAt,
          refreshToken,
          refreshExpiresAt: null,
          basis: this.basis,
          lineage: [],
        }
      : null;
  }

  private save(tokens: StoredTokens): void {
    this.options.state.set(STATE_KEY, JSON.stringify(tokens));
  }

  private doRefresh(signal: AbortSignal): Promise<string> {
    const { pacer } = this.options;
    return pacer ? pacer.run(signal, () => this.refreshOnce(signal)) : this.refreshOnce(signal);
  }

  private async refreshOnce(signal: AbortSignal): Promise<string> {
    const { config, clock } = this.options;
    const before = this.stored();
    const refreshToken = before?.refreshToken ?? config.refreshToken;
    const query = new URLSearchParams({
      app_key: config.appKey,
      app_secret: config.appSecret,
      refresh_token: refreshToken,
      grant_type: 'refresh_token',
    });
    const url = `${config.authBaseUrl.replace(/\/$/, '')}${API_CALLS.refreshToken.path}?${query.toString()}`;
    let response: Response;
    let text: string;
    try {
      response = await this.options.fetch(url, { method: 'GET', signal });
      text = await response.text();
    } catch (err) {
      throw transportFailure(err, signal, 'the token refresh');
    }
    const envelope = readEnvelope(text);
    const failure = errorOf('the token refresh', response.status, response.headers, envelope, clock.now());
    if (failure) {
      // A refused refresh is about the shop's authorisation, never about the queued events.
      if (failure.kind === 'rejected' || failure.kind === 'auth') {
        throw new RefreshRefused(
          'auth',
          `TikTok Shop refused the refresh token; the shop must be authorised again in Settings${
            failure.platformCode !== null
              ? ` (code ${String(failure.platformCode)}: ${failure.platformMessage ?? ''})`
              : ''
          }`,
          failure.platformCode,
          failure.platformMessage,
          failure.requestId,
          failure.details,
        );
      }
      throw failure;
    }
    const data = refreshDataSchema.safeParse(envelope?.data);
    if (!data.success) {
      throw new DeliveryError('malformed', 'TikTok Shop answered the token refresh with an unexpected shape');
    }
    const now = clock.now();
    const tokens: StoredTokens = {
      accessToken: data.data.access_token,
      accessExpiresAt: expiryOf(data.data.access_token_expire_in, now),
      refreshToken: data.data.refresh_token,
      refreshExpiresAt:
        data.data.refresh_token_expire_in !== undefined
          ? expiryOf(data.data.refresh_token_expire_in, now)
          : null,
      basis: before?.basis ?? this.basis,
      lineage:
        data.data.refresh_token === refreshToken
          ? (before?.lineage ?? [])
          : [...(before?.lineage ?? []), hashOf(data.data.refresh_token)].slice(-LINEAGE_KEPT),
    };
    this.save(tokens);
    if (tokens.refreshToken !== refreshToken) await this.writeBack(tokens.refreshToken);
    return tokens.accessToken;
  }

  /**
   * The state already holds the new token, so a store that cannot take it now (locked, cipher
   * gone) costs nothing until this state is lost: logged without the value, never thrown.
   */
  private async writeBack(refreshToken: string): Promise<void> {
    const { writeBackSecret, logger } = this.options;
    if (!writeBackSecret) return;
    try {
      await writeBackSecret('refreshToken', refreshToken);
    } catch (error) {
      logger?.warn('the rotated TikTok Shop refresh token could not be written to the credential store', {
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }
}

/** Enough for processes started several rotations ago to still recognise their token. */
const LINEAGE_KEPT = 50;

function hashOf(refreshToken: string): string {
  return createHash('sha256').update(refreshToken).digest('hex').slice(0, 16);
}

/** Unix seconds (the platform's examples) or, below 10^9, seconds from now. */
function expiryOf(value: number, now: number): number {
  return value >= 1_000_000_000 ? value * 1000 : now + value * 1000;
}
