import type { Locale } from '../locale';

/**
 * English: the reference language. Texts every screen shares (the shell, roles, domain values,
 * error messages); each feature keeps its own texts in features/<feature>/locales/.
 */
const messages = {
  app: {
    title: 'LastMile Desk',
    station: 'Station',
    operator: 'Operator',
    signIn: 'Sign in',
    signOut: 'Sign out',
    changePin: 'Change PIN',
    stationDefault: 'not signed in: the station’s default',
    signedIn: 'signed in',
    idleSignOut: 'signed in; signs out after {{minutes}} min idle',
    loading: 'Loading…',
    screens: 'Screens',
    cancel: 'Cancel',
    refresh: 'Refresh',
    never: 'never',
    none: '—',
    keyMissing: 'This screen is not connected to the station',
    keyMissingWhy: 'The station’s key has changed, or this browser never had it. On the station PC, run:',
    keyMissingAsk:
      'DIR is the station’s data folder. Then open the link it prints in this browser — or ask the supervisor for the station’s link.',
  },
  nav: {
    receive: 'Returns QC',
    scan: 'Scan',
    queue: 'Queue',
    sync: 'Sync',
    settings: 'Settings',
    printers: 'Printers',
    supervisor: 'Approvals',
    packing: 'Packing',
  },
  roles: {
    clerk: 'Clerk',
    packer: 'Packer',
    supervisor: 'Supervisor',
    admin: 'Admin',
  },
  scanSource: {
    scanner: 'scanner',
    keyboard: 'keyboard',
  },
  outcome: {
    parcel: 'Parcel',
    return_order: 'Return',
    unknown: 'Unknown',
  },
  direction: {
    outbound: 'Outbound',
    return: 'Return',
  },
  parcelStatus: {
    created: 'Created',
    in_transit: 'In transit',
    out_for_delivery: 'Out for delivery',
    delivered: 'Delivered',
    delivery_failed: 'Delivery failed',
    returning: 'Returning',
    received: 'Received',
    exception: 'Exception',
    cancelled: 'Cancelled',
  },
  returnStatus: {
    expected: 'Expected',
    received: 'Received',
    inspecting: 'Inspecting',
    completed: 'Completed',
    cancelled: 'Cancelled',
  },
  returnReason: {
    buyer_remorse: 'Changed mind',
    defective: 'Defective',
    damaged_in_transit: 'Damaged in transit',
    wrong_item: 'Wrong item sent',
    missing_parts: 'Missing parts',
    refused_at_delivery: 'Refused at delivery',
  },
  eventType: {
    scan_recorded: 'Scan recorded',
    scan_unknown: 'Unknown code scanned',
    return_received: 'Return received',
    return_receipt_decided: 'Receipt decision',
    inventory_adjusted: 'Inventory adjustment',
    qc_exception_raised: 'Unexpected return',
    qc_destruction_certified: 'Destruction certified',
    qc_exception_resolved: 'Exception resolved',
  },
  outboxStatus: {
    pending: 'Waiting',
    in_flight: 'Sending',
    delivered: 'Delivered',
    dead: 'Failed',
    discarded: 'Discarded',
  },
  circuit: {
    closed: 'OK',
    open: 'Paused: failing',
    half_open: 'Testing again',
  },
  errors: {
    VALIDATION_FAILED: 'The request "{{call}}" was refused: field "{{field}}" is not valid ({{issue}}).',
    UNKNOWN_CALL: 'This station does not know the request "{{name}}". Update the app.',
    UNAUTHORIZED:
      'This page does not have the station’s current key. On the station PC run “lastmile station --print-url --data <the station’s data folder>” and open the link it prints here.',
    FORBIDDEN: 'Only a supervisor may do this. Sign in as a supervisor first, or ask one to approve it.',
    NOT_FOUND: 'Not found: {{id}}.',
    BAD_PIN: 'Wrong PIN. {{attemptsLeft}} more tries before sign-in pauses.',
    SIGN_IN_LOCKED: 'Too many wrong PINs. Sign-in is paused: try again in {{retryAfterSeconds}} s.',
    PIN_CHANGE_REQUIRED: '{{name}} must choose a new PIN first (sign in once to do it).',
    PIN_TOO_WEAK: 'That PIN is too easy to guess. Choose another.',
    NOT_SIGNED_IN: 'Nobody is signed in at this screen.',
    SESSION_EXPIRED:
      '{{name}} was signed out after {{idleMinutes}} minutes without activity. Sign in again, or ask a supervisor to approve.',
    BADGE_INVALID: 'That badge could not be read. Scan it again.',
    BADGE_UNKNOWN: 'This badge belongs to nobody at this station. Ask a supervisor to register it.',
    BADGE_TAKEN: 'This badge already belongs to someone else.',
    SCAN_IS_BADGE: 'That was a staff badge, not a parcel. Nothing was recorded.',
    SCAN_EMPTY: 'Nothing was scanned. Scan the label again.',
    SCAN_TOO_LONG:
      'That is not a label: {{length}} characters arrived, a code has at most {{max}}. Scan the label again.',
    SCAN_BAD_CHARACTERS:
      'The scan contains a control character (code {{charCode}}) at position {{position}}. Check the scanner prefix/suffix settings, then scan again.',
    SCAN_NOT_ASCII:
      '"{{character}}" is not part of any label. Switch the keyboard\'s input method to English/ABC, then scan again.',
    DB_LOCKED: 'The station database is busy (another program is using it). Wait a moment and try again.',
    DB_CORRUPT: 'The station database is damaged. Call the supervisor; do not delete any files.',
    DB_READONLY: 'The station database cannot be written (read-only). Call the supervisor.',
    DISK_FULL: 'The disk of this PC is full. Nothing was recorded. Call the supervisor.',
    DATA_DIR_UNUSABLE: 'The data folder {{path}} cannot be used. Call the supervisor.',
    DB_NEWER_THAN_APP:
      'The database was written by a newer version of the app (version {{fileVersion}}, this app knows {{appVersion}}). Update the app.',
    SYNC_ALREADY_RUNNING: 'A sync is already running. Watch its progress here.',
    SYNC_NOT_RUNNING: 'No sync is running.',
    OUTBOX_EVENT_NOT_DEAD: 'This event is no longer failed (now: {{status}}). The list was refreshed.',
    TRANSPORT_FAILED: 'The station did not answer ({{call}}). Check that it is still running.',
    CORE_RESTARTING:
      'The station is restarting. Nothing you confirmed is lost; if this was a scan, scan the parcel again.',
    // printing
    PRINT_TEMPLATE_UNKNOWN: 'There is no label template "{{template}}".',
    PRINT_DATA_INVALID:
      'The label "{{template}}" cannot be printed: field "{{field}}" is not valid ({{issue}}).',
    PRINT_TEXT_TOO_LONG:
      'The text of "{{field}}" is longer than the label "{{template}}" has room for (at most {{maxLines}} line(s) at the smallest size).',
    PRINT_TEXT_UNSUPPORTED_CHARACTER:
      'The label "{{template}}" cannot print "{{character}}" ({{codePoint}}) in "{{field}}": no font on this station has it.',
    PRINT_BARCODE_NOT_ENCODABLE:
      'The value of "{{field}}" cannot be put into a {{symbology}} barcode ({{reason}}).',
    PRINT_BARCODE_TOO_LARGE:
      'The {{symbology}} barcode of "{{field}}" does not fit on the label "{{template}}".',
    PRINT_FORMAT_UNSUPPORTED: 'Labels cannot be produced as "{{format}}".',
    PRINT_JOB_NOT_FOUND: 'There is no print job {{jobId}}.',
    PRINTER_UNKNOWN: 'There is no printer "{{printerId}}" on this station.',
    PRINTER_PROFILE_INVALID: 'The printer settings are not valid: "{{field}}" ({{issue}}).',
    PRINTER_TEMPLATE_NOT_ALLOWED: 'The printer "{{printerId}}" is not set up to print "{{template}}" labels.',
    PRINTER_UNREACHABLE:
      'The printer at {{printer}} cannot be reached ({{reason}}). Check its cable and power; the label waits and prints when it is back.',
    PRINTER_CONNECTION_LOST:
      'The printer at {{printer}} dropped the connection after {{sent}} of {{total}} bytes. The label will be sent again.',
    PRINTER_TIMEOUT: 'The printer at {{printer}} stopped answering. The label will be sent again.',
    PRINTER_NOT_READY: 'The printer at {{printer}} is not ready ({{reason}}).',
    PRINTER_INTERFACE_UNSUPPORTED: 'This station cannot talk to a printer through "{{interface}}".',
    PRINTER_NOT_CONFIGURED:
      'No printer on this station prints "{{template}}" labels. A supervisor adds one under Printers.',
    PRINTING_NOT_READY: 'Printing is still starting up. Try again in a moment; nothing was lost.',
    // return QC
    QC_STEP_MISMATCH: 'That does not fit this step. Do what “Next” says.',
    QC_NO_OPEN_PARCEL: 'No parcel on the bench. Scan a parcel first.',
    QC_FINISH_CURRENT_ITEM: 'Finish the item on the bench first (see “Next”).',
    QC_BIN_NOT_FOUND: 'Bin {{code}} does not exist. Scan the label of a real bin.',
    QC_BIN_WRONG_KIND: 'Bin {{code}} is a {{kind}} bin, not a {{expected}} bin. Scan another bin.',
    QC_PHOTO_REQUIRED: 'A photo is required here. Press Enter to take it, or choose a photo file.',
    QC_NOTHING_TO_UNDO: 'There is nothing to undo.',
    QC_UNDO_EXPIRED: 'Too late to undo: the undo window is {{minutes}} minutes. Call the supervisor.',
    QC_UNDO_TOO_LATE: 'Too late to undo: it has already left the station. Call the supervisor.',
    QC_ITEMS_UNDECIDED: 'An item on the bench has no decision yet. Finish it first.',
    QC_RETURN_CLOSED: 'This return is already received in another parcel.',
    QC_APPROVAL_NOT_PENDING: 'This approval is no longer waiting (now: {{status}}). The list was refreshed.',
    QC_REJECT_REASON_REQUIRED: 'Choose why the destroy is refused (with “Other”, write a note).',
    QC_REJECT_NEEDS_DISPOSITION: 'Choose what the unit becomes instead; a restock needs its stock bin.',
    QC_BATCH_NOT_OPEN: 'This batch is not open any more (now: {{status}}).',
    QC_BATCH_EMPTY: 'This batch has no units yet: approve a destroy first.',
    QC_CERTIFICATE_FILE_MISSING:
      'The file of certificate {{certificateId}} is missing from the data folder. Restore the folder from a backup.',
    QC_EXCEPTION_RESOLVED: 'This exception was already resolved. The list was refreshed.',
    QC_RULES_CHANGED:
      'Someone saved rule version {{current}} while you edited version {{basedOn}}. Reload and make your changes again.',
    PHOTO_NOT_IMAGE: 'That file is not a photo (JPEG, PNG or WebP). Choose a photo.',
    PHOTO_TOO_LARGE:
      'That photo is too large ({{bytes}} bytes; at most {{max}}). Take a new photo or choose a smaller file.',
    PHOTO_NOT_FOUND: 'That photo is not on this station any more. Take it again.',
    CAMERA_UNAVAILABLE: 'The camera cannot be used ({{reason}}). Choose a photo file instead.',
    ROUTE_LINE_UNKNOWN: '"{{line}}" is not a carrier account of this station. Choose one of: {{lines}}.',
    ROUTE_LINES_SAME: 'The backup line must be another carrier than the primary ({{line}}).',
    CARRIER_ACCOUNT_UNKNOWN:
      'There is no carrier account "{{account}}" in this station\'s sync configuration.',
    CREDENTIAL_FIELD_UNKNOWN: '"{{field}}" is not a secret of the account {{account}}. It has: {{fields}}.',
    SECRET_STORE_WEAK:
      'This PC has no protected secret store ({{backend}}). Nothing was stored. Tick "Store anyway" to confirm, or set up a keyring first.',
    SECRET_STORE_UNAVAILABLE:
      'The secret store of this PC cannot be used. Nothing was stored or read; call the administrator.',
    SECRET_UNREADABLE:
      'A stored secret cannot be read on this PC (it was stored on another PC or the key changed). Enter it again.',
    INTERNAL: 'Something went wrong inside the app. The details are in the log; call the supervisor.',
  },
  /** Finer texts for some codes, chosen by one of their parameters (i18n/error-message.ts). */
  errorDetails: {
    VALIDATION_FAILED: {
      scale_address:
        'The scale address is not one the station can open. Write tcp://host:port (for example tcp://127.0.0.1:4001) or a device path such as /dev/ttyUSB0.',
      scale_address_missing:
        'A scale is chosen but its address is empty. Write the address, or choose "No scale".',
      station_name_characters:
        'The station name contains an invisible or broken character (a control character or half of an emoji). Type it again.',
      user_or_badge: 'Choose who you are, or scan your badge.',
    },
    PIN_TOO_WEAK: {
      length: 'A PIN has 4 to 12 digits.',
      digits: 'A PIN is digits only.',
      repeated: 'One digit repeated (like 0000) is too easy to guess. Choose another PIN.',
      sequence: 'A run of digits (like 1234 or 9876) is too easy to guess. Choose another PIN.',
      same_as_old: 'The new PIN must be different from the old one.',
    },
    BADGE_INVALID: {
      format: 'That is not a staff badge. Scan the badge again.',
      check_character: 'The badge was misread (its check character does not match). Scan it again.',
    },
    BAD_PIN: {
      locked: 'Wrong PIN. Sign-in is paused: try again in {{retryAfterSeconds}} s.',
    },
    SIGN_IN_LOCKED: {
      station:
        'Too many wrong PINs at this station. Sign-in is paused: try again in {{retryAfterSeconds}} s.',
    },
    FORBIDDEN: {
      admin: 'Only an admin may do this.',
      another_user: 'You cannot do this to your own account. Change your own PIN with “Change PIN”.',
      authorizer: 'That person is not a supervisor: they cannot approve this.',
      setting:
        'Only a supervisor may change this setting. Sign in as a supervisor, or ask one to approve it.',
    },
  },
};

export type BaseMessages = typeof messages;

const locale: Locale<BaseMessages> = { code: 'en', nativeName: 'English', messages };
export default locale;
