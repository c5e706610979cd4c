/** English texts of the packing feature's refusals (its screen comes later): the reference. */
const messages = {
  eventType: {
    package_ship: 'Ship call to the platform',
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
  },
};

export type PackingMessages = typeof messages;
export default messages;
