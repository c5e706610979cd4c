/**
 * Every error that may cross the contract. The renderer translates `code` with `params`;
 * nothing else about an error (stack, message text from a library) ever reaches the screen.
 */
export const ERROR_CODES = [
  'VALIDATION_FAILED',
  'UNKNOWN_CALL',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'NOT_FOUND',
  'BAD_PIN',
  'SIGN_IN_LOCKED',
  'PIN_CHANGE_REQUIRED',
  'PIN_TOO_WEAK',
  'NOT_SIGNED_IN',
  'SESSION_EXPIRED',
  'BADGE_INVALID',
  'BADGE_UNKNOWN',
  'BADGE_TAKEN',
  'SCAN_IS_BADGE',
  'SCAN_EMPTY',
  'SCAN_TOO_LONG',
  'SCAN_BAD_CHARACTERS',
  'SCAN_NOT_ASCII',
  'DB_LOCKED',
  'DB_CORRUPT',
  'DB_READONLY',
  'DISK_FULL',
  'DATA_DIR_UNUSABLE',
  'DB_NEWER_THAN_APP',
  'SYNC_ALREADY_RUNNING',
  'SYNC_NOT_RUNNING',
  'OUTBOX_EVENT_NOT_DEAD',
  'TRANSPORT_FAILED',
  'QC_STEP_MISMATCH',
  'QC_NO_OPEN_PARCEL',
  'QC_FINISH_CURRENT_ITEM',
  'QC_BIN_NOT_FOUND',
  'QC_BIN_WRONG_KIND',
  'QC_PHOTO_REQUIRED',
  'QC_NOTHING_TO_UNDO',
  'QC_UNDO_EXPIRED',
  'QC_UNDO_TOO_LATE',
  'QC_ITEMS_UNDECIDED',
  'QC_RETURN_CLOSED',
  'QC_APPROVAL_NOT_PENDING',
  'QC_REJECT_REASON_REQUIRED',
  'QC_REJECT_NEEDS_DISPOSITION',
  'QC_BATCH_NOT_OPEN',
  'QC_BATCH_EMPTY',
  'QC_CERTIFICATE_FILE_MISSING',
  'QC_EXCEPTION_RESOLVED',
  'QC_RULES_CHANGED',
  'PHOTO_NOT_IMAGE',
  'PHOTO_TOO_LARGE',
  'PHOTO_NOT_FOUND',
  'CAMERA_UNAVAILABLE',
  // the core process went away (crashed, restarting); params say whether the call may have been applied
  'CORE_RESTARTING',
  // printing
  'PRINT_TEMPLATE_UNKNOWN',
  'PRINT_DATA_INVALID',
  'PRINT_TEXT_TOO_LONG',
  'PRINT_TEXT_UNSUPPORTED_CHARACTER',
  'PRINT_BARCODE_NOT_ENCODABLE',
  'PRINT_BARCODE_TOO_LARGE',
  'PRINT_FORMAT_UNSUPPORTED',
  'PRINT_JOB_NOT_FOUND',
  'PRINTER_UNKNOWN',
  'PRINTER_PROFILE_INVALID',
  'PRINTER_TEMPLATE_NOT_ALLOWED',
  'PRINTER_UNREACHABLE',
  'PRINTER_CONNECTION_LOST',
  'PRINTER_TIMEOUT',
  'PRINTER_NOT_READY',
  'PRINTER_INTERFACE_UNSUPPORTED',
  'PRINTER_NOT_CONFIGURED',
  'PRINTING_NOT_READY',
  // packing
  'BOX_PRESET_UNKNOWN',
  'BOX_CODE_INVALID',
  'MANIFEST_NOT_FOUND',
  'MANIFEST_CLOSED',
  'MANIFEST_WRONG_CARRIER',
  'MANIFEST_PARCEL_HANDED_OVER',
  'MANIFEST_PARCEL_ON_OTHER',
  'MANIFEST_DRIVER_REQUIRED',
  'MANIFEST_EMPTY',
  'PACK_ORDER_NOT_FOUND',
  'PACK_ORDER_CANCELLED',
  'PACK_ORDER_DONE',
  'PACK_ORDER_AT_OTHER_BENCH',
  'PACK_SESSION_OPEN',
  'PACK_NO_SESSION',
  'PACK_WRONG_ITEM',
  'PACK_LINE_ALREADY_VERIFIED',
  'PACK_SERIAL_DUPLICATE',
  'PACK_SERIAL_REQUIRED',
  'PACK_SERIAL_IS_ITEM',
  'PACK_PHOTO_REQUIRED',
  'PACK_LINES_NOT_VERIFIED',
  'PACK_WEIGHT_UNSTABLE',
  'PACK_WEIGHT_ZERO',
  'PACK_WEIGHT_OVER_RANGE',
  'PACK_WEIGHT_UNREADABLE',
  'PACK_SCALE_UNAVAILABLE',
  'PACK_SCALE_NO_COMMAND',
  'PACK_SCALE_BUSY',
  'PACK_SCALE_REFUSED',
  'PACK_NOT_WEIGHED',
  'PACK_NO_ROUTE',
  'PACK_NO_SERVICE',
  'PACK_CARRIER_NOT_LISTED',
  'PACK_SERVICE_LIMIT',
  'PACK_ITEM_CLASS_NOT_ACCEPTED',
  'PACK_NO_BACKUP',
  'PACK_NOT_ROUTED',
  'PACK_LABEL_REFUSED',
  'PACK_SPLIT_INVALID',
  'PACK_SPLIT_NOT_ALLOWED',
  'PACK_COMBINE_NOT_ALLOWED',
  'PACK_COMBINE_REFUSED',
  'PACK_COMBINE_DECLINED',
  'PACK_UNCOMBINE_NOT_ALLOWED',
  'PACK_UNCOMBINE_BUSY',
  'PACK_PARCEL_UNKNOWN',
  'CUTOFF_PACKAGE_UNKNOWN',
  'CUTOFF_HANDED_OVER',
  'CUTOFF_NOTE_REQUIRED',
  'CUTOFF_REBOOK_NOT_ALLOWED',
  // routes
  'ROUTE_LINE_UNKNOWN',
  'ROUTE_LINES_SAME',
  // carrier credentials
  'CARRIER_ACCOUNT_UNKNOWN',
  'CREDENTIAL_FIELD_UNKNOWN',
  'SECRET_STORE_WEAK',
  'SECRET_STORE_UNAVAILABLE',
  'SECRET_UNREADABLE',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export type ErrorParams = Record<string, string | number | boolean | null>;

export interface AppErrorShape {
  code: ErrorCode;
  params: ErrorParams;
}

/** Thrown inside the core; serialised as `{ code, params }` across any transport. */
export class AppError extends Error implements AppErrorShape {
  readonly code: ErrorCode;
  readonly params: ErrorParams;

  constructor(code: ErrorCode, params: ErrorParams = {}, options?: { cause?: unknown }) {
    super(`${code}${Object.keys(params).length ? ' ' + JSON.stringify(params) : ''}`, options);
    this.name = 'AppError';
    this.code = code;
    this.params = params;
  }

  toJSON(): AppErrorShape {
    return { code: this.code, params: this.params };
  }
}

export function isAppErrorShape(value: unknown): value is AppErrorShape {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as { code?: unknown; params?: unknown };
  return (
    typeof v.code === 'string' &&
    (ERROR_CODES as readonly string[]).includes(v.code) &&
    typeof v.params === 'object' &&
    v.params !== null
  );
}

/** What every call returns on the wire, whichever the transport. */
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: AppErrorShape };
