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
    save: 'Save',
    saved: 'Saved.',
  },
};

export type SettingsMessages = typeof messages;
export default messages;
