/** English texts of the scan feature: the reference every other language must match. */
const messages = {
  scan: {
    ready: 'Ready: scan a label (no need to click), or type a code and press Enter.',
    inputLabel: 'Code',
    record: 'Record',
    recording: 'Recording…',
    foundReturn: 'Return found',
    foundParcel: 'Parcel found',
    unknownTitle: 'Unknown code',
    unknownHint:
      'Not a parcel or return order of this station. Put it aside for the supervisor; the scan is saved.',
    errorTitle: 'Not recorded',
    busyTitle: 'Station busy — retrying',
    busyHint:
      'Another program is using the station database. This scan is sent again by itself (try {{attempt}} of {{attempts}}); keep the parcel in hand until it turns green or amber.',
    imeTitle: 'Keyboard is in another language',
    imeHint:
      "The scanner is typing through a Chinese/Thai/Vietnamese input method. Switch the keyboard's input method to English/ABC (Win+Space or Ctrl+Space), then scan again.",
    rawCode: 'Received: {{preview}} ({{length}} characters)',
    orderId: 'Order',
    returnTracking: 'Return tracking',
    reason: 'Reason',
    items: 'Items',
    status: 'Status',
    carrier: 'Carrier',
    country: 'Country',
    direction: 'Direction',
    quantity: '× {{quantity}}',
    via: 'via {{source}}',
    recent: 'Recent scans',
    recentEmpty: 'No scans yet.',
  },
};

export type ScanMessages = typeof messages;
export default messages;
