import { z } from 'zod';
import type { Clock } from '../../clock';
import { DeliveryError } from '../../sync/destination';
import type { ConnectorState } from '../connector';
import { exchange, httpFailure, jsonField, parseJsonAnswer } from '../http';
import type { NinjaVanConfig } from './config';

/**
 * Ninja Van OAuth client credentials: POST /{cc}/2.0/oauth/access_token with client_id,
 * client_secret and grant_type. The token is kept in ConnectorState (so a restart, or another
 * process of the same account, reuses it) and renewed 5 minutes before it expires — Ninja Van's
 * own integration rule — or after a 401.
 */
const tokenAnswerSchema = z.object({
  access_token: z.string().min(1),
  /** Unix seconds. */
  expires: z.number().optional(),
  expires_in: z.number().positive().optional(),
  token_type: z.string().optional(),
});

const storedSchema = z.object({ token: z.string(), expiresAt: z.number() });

export const TOKEN_STATE_KEY = 'ninja-van:oauth-token';
const RENEW_BEFORE_MS = 5 * 60_000;

export class NinjaVanTokens {
  private pending: Promise<string> | null = null;

  constructor(
    private readonly config: NinjaVanConfig,
    private readonly fetchFn: typeof fetch,
    private readonly clock: Clock,
    private readonly state: ConnectorState,
  ) {}

  /** A token valid for at least five more minutes, fetched only when the stored one is not. */
  async token(signal: AbortSignal): Promise<string> {
    const stored = this.stored();
    if (stored && stored.expiresAt - RENEW_BEFORE_MS > this.clock.now()) return stored.token;
    this.pending ??= this.fetchToken(signal).finally(() => {
      this.pending = null;
    });
    return this.pending;
  }

  /** Fetches a new token whatever is stored (the connection check proves the credentials now). */
  async renew(signal: AbortSignal): Promise<string> {
    this.state.set(TOKEN_STATE_KEY, '');
    return this.token(signal);
  }

  /** Forgets the token (after a 401), so the next call fetches a new one. */
  invalidate(refused: string): void {
    if (this.stored()?.token === refused) this.state.set(TOKEN_STATE_KEY, '');
  }

  private stored(): z.infer<typeof storedSchema> | null {
    const raw = this.state.get(TOKEN_STATE_KEY);
    if (!raw) return null;
    try {
      return storedSchema.parse(JSON.parse(raw));
    } catch {
      return null;
    }
  }

  private async fetchToken(signal: AbortSignal): Promise<string> {
    const what = 'Ninja Van access token';
    const answer = await exchange(
      this.fetchFn,
      {
        method: 'POST',
        url: `${this.config.baseUrl}/${this.config.country}/2.0/oauth/access_token`,
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({
          client_id: this.config.clientId,
          client_secret: this.config.clientSecret,
          grant_type: 'client_credentials',
        }),
      },
      { signal, timeoutMs: this.config.limits.requestTimeoutMs },
    );
    const failed = httpFailure(answer, what, this.clock.now(), jsonField('error', 'message'));
    // A refused token request is about our credentials: never 'rejected', which would dead-letter
    // the work waiting on it; it waits (auth) until the secret is fixed.
    if (failed && (failed.kind === 'auth' || failed.kind === 'rejected')) {
      throw new DeliveryError('auth', `${what}: credentials refused (${failed.message})`, failed.details);
    }
    if (failed) throw failed;
    const parsed = parseJsonAnswer(tokenAnswerSchema, answer.body, what);
    const now = this.clock.now();
    const expiresAt =
      parsed.expires_in !== undefined
        ? now + parsed.expires_in * 1000
        : parsed.expires !== undefined
          ? parsed.expires * 1000
          : now + 3_600_000;
    this.state.set(TOKEN_STATE_KEY, JSON.stringify({ token: parsed.access_token, expiresAt }));
    return parsed.access_token;
  }
}
