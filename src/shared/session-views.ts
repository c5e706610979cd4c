import { z } from 'zod';
import { idSchema } from './call-spec';
import { userViewSchema } from './domain';

/** A PIN as the contract carries it; what makes a good new PIN is pin-rules.ts's business. */
export const pinInputSchema = z.string().min(1).max(32);
/** A badge as scanned (terminator, lower case and all); parseBadge judges it for a precise error. */
export const badgeInputSchema = z.string().min(1).max(64);

/** The issue of a credentials object naming neither or both of userId and badge. */
export const USER_OR_BADGE_ISSUE = 'user_or_badge';

/**
 * Who proves themselves with a PIN: picked by user id (the sign-in dialog's list) or by a scanned
 * badge (the QC bench), never both.
 */
export function credentialsSchema() {
  return z
    .object({ userId: idSchema.optional(), badge: badgeInputSchema.optional(), pin: pinInputSchema })
    .strict()
    .superRefine((value, ctx) => {
      if ((value.userId === undefined) === (value.badge === undefined)) {
        ctx.addIssue({ code: 'custom', path: ['userId'], params: { reason: USER_OR_BADGE_ISSUE } });
      }
    });
}

/**
 * A supervisor's approval of one action made at someone else's session: their badge (or user id)
 * and PIN. Verified by `Session.authorizeFor` with the sign-in lock-out; never signs anyone in.
 */
export const authorizationSchema = credentialsSchema();
export type Authorization = z.infer<typeof authorizationSchema>;
export type Credentials = Authorization;

export const SESSION_NOTICES = ['idle_signed_out'] as const;

export const sessionNoticeSchema = z.object({
  kind: z.enum(SESSION_NOTICES),
  /** Who was signed out. */
  name: z.string(),
  idleMinutes: z.number().int(),
  at: z.number().int(),
});
export type SessionNotice = z.infer<typeof sessionNoticeSchema>;

/** Everything a tab needs to know about who works at it; the answer of every session call. */
export const sessionViewSchema = z.object({
  /** Who this tab's calls are made as: the station's default clerk while nobody is signed in. */
  user: userViewSchema,
  /** False while the operator is the station's default clerk. */
  signedIn: z.boolean(),
  stationName: z.string(),
  stationId: z.string(),
  /** Someone proved their PIN here but must choose a new one before the sign-in counts. */
  pinChangeFor: userViewSchema.nullable(),
  /** Minutes without a call after which this sign-in ends; null when it never ends by itself. */
  idleMinutes: z.number().int().nullable(),
  /** Something the tab must be told once (a sign-in ended while nobody looked). */
  notice: sessionNoticeSchema.nullable(),
  /**
   * New at every start of the station. Sign-ins live in memory, so a restart signs everyone out; a
   * tab that sees this change after it was signed in can say so instead of pretending.
   */
  bootId: z.string(),
});
export type SessionView = z.infer<typeof sessionViewSchema>;
