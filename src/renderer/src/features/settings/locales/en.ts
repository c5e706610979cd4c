/** English texts of the settings feature: the reference every other language must match. */
const messages = {
  settings: {
    title: 'Settings',
    stationName: 'Station name',
    language: 'Language',
    sound: 'Beep on every scan',
    soundOn: 'On',
    soundOff: 'Off',
    staleHours: 'Flag parcels without a tracking update after (hours)',
    qcUndoMinutes: 'QC bench: undo possible for (minutes, 0 = no undo)',
    packPhoto: 'Photo before sealing (packing bench, the open parcel)',
    packPhoto_required: 'Required',
    packPhoto_none: 'Off',
    idleMinutes: 'Sign a supervisor out after this many minutes without activity',
    scaleKind: 'Packing scale',
    scaleKinds: {
      none: 'No scale (weights are typed)',
      'mt-sics': 'Mettler Toledo (MT-SICS, serial)',
      cas: 'CAS (serial)',
      'hid-pos': 'USB HID POS scale',
    },
    scaleAddress: 'Scale address',
    scaleAddressHint:
      'tcp://host:port for a serial-to-network bridge, or a device path such as /dev/ttyUSB0 or /dev/hidraw0.',
    supervisorOnly:
      'The station name, the tracking alarm, the sign-out time and the QC undo window change what the station does: saving them asks for a supervisor’s approval. Language and beep are yours to set.',
    save: 'Save',
    saved: 'Saved.',
    stationKey: 'Station link',
    stationKeyHint:
      'Every screen keeps its link across restarts. To shut out every screen that has the link (a PC that left the warehouse, a link that was shared), an admin makes a new key; then open the new link on every screen.',
    rotateKey: 'Make a new station key',
    newLink: 'The new link (this screen already uses it):',
  },
};

export type SettingsMessages = typeof messages;
export default messages;
