import { z } from 'zod';
import { call, noInput } from '../call-spec';

/**
 * Carrier and platform account credentials, as a screen may see them: which secret fields of an
 * account are set, and at most the last four characters of a long one. The secrets themselves
 * only ever travel towards the core (set, test); no output of any call carries one.
 */

/** A configured destination's name (the sync configuration's `name`). */
export const accountName = z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/);
/** A secret field of a connector's configuration, as its definition names it (`credentials.clientSecret`). */
export const secretFieldName = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9]{0,63}(\.[A-Za-z][A-Za-z0-9]{0,63}){0,3}$/);
/** One secret as typed or pasted by the administrator; carriers' keys and PEM keys fit. */
export const secretValue = z.string().min(1).max(8_192);

/** Secret field → value; only the fields being set or tried. */
const secretsInput = z.record(secretFieldName, secretValue).refine((r) => Object.keys(r).length <= 8, {
  message: 'at most 8 fields',
});

export const secretFieldStatusSchema = z.object({
  field: z.string(),
  set: z.boolean(),
  /** The last four characters of a secret of 16 or more, else null. */
  lastFour: z.string().max(16).nullable(),
  updatedAt: z.number().int().nullable(),
  /** Who changed it last, by name. */
  updatedBy: z.string().nullable(),
});
export type SecretFieldStatus = z.infer<typeof secretFieldStatusSchema>;

export const carrierAccountSchema = z.object({
  account: z.string(),
  kind: z.string(),
  /** The connector's name for people ("Ninja Van"); the kind itself when this build does not know it. */
  displayName: z.string(),
  /** False for a kind this build has no connector for: nothing can be set or tested. */
  known: z.boolean(),
  secrets: z.array(secretFieldStatusSchema),
});
export type CarrierAccount = z.infer<typeof carrierAccountSchema>;

export const secretStorageSchema = z.object({
  /** 'dpapi', 'keychain', 'gnome_libsecret', 'kwallet5', 'basic_text', 'key-file', … or null if none answered. */
  backend: z.string().nullable(),
  /** The backend does not protect secrets (Linux without a keyring): storing needs a confirmation. */
  weak: z.boolean(),
  /** No backend answered: nothing can be stored or read. */
  available: z.boolean(),
});
export type SecretStorage = z.infer<typeof secretStorageSchema>;

export const carrierAccountsSchema = z.object({
  storage: secretStorageSchema,
  accounts: z.array(carrierAccountSchema),
});
export type CarrierAccounts = z.infer<typeof carrierAccountsSchema>;

export const CONNECTION_CHECK_REASONS = [
  'ok',
  'auth',
  'timeout',
  'network',
  'throttled',
  'server',
  'config',
  'cancelled',
  'missing_secret',
  'other',
] as const;
export type ConnectionCheckReason = (typeof CONNECTION_CHECK_REASONS)[number];

export const connectionCheckSchema = z.object({
  ok: z.boolean(),
  reason: z.enum(CONNECTION_CHECK_REASONS),
  /** The connector's own line (English, secrets redacted), for the log and the curious. */
  detail: z.string().max(500),
  /** missing_secret: the field; config: the field at fault. */
  field: z.string().nullable(),
  /** timeout: the seconds waited. */
  seconds: z.number().int().nullable(),
  checkedAt: z.number().int(),
  /**
   * Secret fields the carrier exchanged during the test for the values typed (a rotated refresh
   * token): the typed value no longer works, and the station keeps the new one for the next Save
   * of the same typed value. Never the values themselves.
   */
  renewed: z.array(z.string()).optional(),
});
export type ConnectionCheckView = z.infer<typeof connectionCheckSchema>;

// Every call here is an administrator's (issue 9 §4): a carrier key opens the seller's account.
const ROLE = 'admin' as const;

export const credentialsCalls = {
  listAccounts: call({
    input: noInput,
    output: carrierAccountsSchema,
    errors: ['FORBIDDEN'],
    role: ROLE,
    effect: 'read',
  }),
  setCredentials: call({
    input: z
      .object({
        account: accountName,
        secrets: secretsInput,
        /** The administrator read the warning that this PC's secret store is weak and stores anyway. */
        confirmWeakStorage: z.boolean().optional(),
      })
      .strict(),
    output: carrierAccountSchema,
    errors: [
      'FORBIDDEN',
      'CARRIER_ACCOUNT_UNKNOWN',
      'CREDENTIAL_FIELD_UNKNOWN',
      'SECRET_STORE_WEAK',
      'SECRET_STORE_UNAVAILABLE',
    ],
    role: ROLE,
    effect: 'idempotent',
  }),
  clearCredentials: call({
    input: z
      .object({
        account: accountName,
        /** Absent: every secret of the account. */
        fields: z.array(secretFieldName).min(1).max(8).optional(),
      })
      .strict(),
    output: carrierAccountSchema,
    errors: ['FORBIDDEN', 'CARRIER_ACCOUNT_UNKNOWN', 'CREDENTIAL_FIELD_UNKNOWN'],
    role: ROLE,
    effect: 'idempotent',
  }),
  testConnection: call({
    input: z
      .object({
        account: accountName,
        /** Values to try instead of the stored ones (before saving them); nothing is stored. */
        secrets: secretsInput.optional(),
      })
      .strict(),
    output: connectionCheckSchema,
    errors: [
      'FORBIDDEN',
      'CARRIER_ACCOUNT_UNKNOWN',
      'CREDENTIAL_FIELD_UNKNOWN',
      'SECRET_STORE_UNAVAILABLE',
      'SECRET_UNREADABLE',
    ],
    role: ROLE,
    effect: 'read',
  }),
};
