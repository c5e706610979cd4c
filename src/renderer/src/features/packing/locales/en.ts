/** English texts of the packing feature's refusals (its screen comes later): the reference. */
const messages = {
  eventType: {
    package_ship: 'Ship call to the platform',
    package_handed_over: 'Parcel handed to the carrier',
  },
  errors: {
    BOX_PRESET_UNKNOWN: 'There is no box "{{code}}" on this station. Scan another box or type its size.',
    BOX_CODE_INVALID:
      'This box barcode does not read right ({{scanned}}). Scan it again or type the box code.',
    MANIFEST_NOT_FOUND: 'There is no manifest {{manifestId}}.',
    MANIFEST_CLOSED: 'This manifest is closed; open a new one for the next pickup.',
    MANIFEST_WRONG_CARRIER:
      'Parcel {{trackingNumber}} is {{actual}}, not {{expected}}. Put it aside for its own carrier.',
    MANIFEST_PARCEL_HANDED_OVER:
      'Parcel {{trackingNumber}} was already handed over (manifest {{manifestId}}).',
    MANIFEST_PARCEL_ON_OTHER:
      'Parcel {{trackingNumber}} is already on another open manifest ({{manifestId}}).',
    MANIFEST_DRIVER_REQUIRED: "Enter the driver's name to close the manifest.",
    MANIFEST_EMPTY: 'No parcel has been scanned onto this manifest yet.',
    PACK_ORDER_NOT_FOUND:
      'No order to pack matches {{code}}. Scan the order number, package id or pick list again.',
    PACK_ORDER_CANCELLED:
      'Order {{orderRef}} was cancelled by the platform. Do not ship it: put the items back.',
    PACK_ORDER_DONE: 'Order {{orderRef}} is already packed. Scan the next order.',
    PACK_ORDER_AT_OTHER_BENCH: 'Order {{orderRef}} is being packed at another bench.',
    PACK_SESSION_OPEN: 'Finish or put aside order {{orderRef}} first.',
    PACK_NO_SESSION: 'No order is open. Scan an order to start packing.',
    PACK_WRONG_ITEM: 'WRONG ITEM: {{scanned}} is not in order {{orderRef}}. Take it off the bench.',
    PACK_LINE_ALREADY_VERIFIED:
      'Too many: all {{quantity}} of {{sku}} are already scanned. Take this one off.',
    PACK_SERIAL_DUPLICATE: 'Serial number {{serial}} was already scanned in this order.',
    PACK_LINES_NOT_VERIFIED: '{{remaining}} item(s) still to scan before this step.',
    PACK_WEIGHT_UNSTABLE: 'The scale is still moving. Leave the parcel still and weigh again.',
    PACK_WEIGHT_ZERO: 'The scale reads 0. Put the parcel on the scale.',
    PACK_WEIGHT_OVER_RANGE:
      'The parcel is heavier than the scale can weigh. Use the floor scale or type the weight.',
    PACK_WEIGHT_UNREADABLE: '"{{text}}" is not a weight. Type it like 850 g or 1.25 kg.',
    PACK_SCALE_UNAVAILABLE: 'The scale does not answer. Check its cable or type the weight.',
    PACK_NOT_WEIGHED: 'Weigh the parcel first.',
    PACK_NO_ROUTE: 'No carrier route is set for {{country}}. Ask a supervisor to add one.',
    PACK_NO_SERVICE: 'Carrier {{carrier}} has no service for {{market}} on this station.',
    PACK_CARRIER_NOT_LISTED: 'The platform does not accept {{carrier}} for {{market}}. Choose another line.',
    PACK_SERVICE_LIMIT: 'This parcel is too heavy or too big for {{service}}. Choose another line or repack.',
    PACK_NO_BACKUP: 'This route has no backup line.',
    PACK_NOT_ROUTED: 'Choose the carrier line first.',
    PACK_LABEL_REFUSED:
      '{{carrier}} refused the label: {{reason}}. Put the parcel aside and tell a supervisor.',
    PACK_SPLIT_INVALID: 'A split must move at least one item and leave at least one.',
    PACK_SPLIT_NOT_ALLOWED: 'Order {{orderRef}} cannot be split.',
    PACK_PARCEL_UNKNOWN: 'Parcel {{trackingNumber}} is not a packed parcel of this station.',
  },
};

export type PackingMessages = typeof messages;
export default messages;
