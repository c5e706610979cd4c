import type { SettingsMessages } from './en';

const messages: SettingsMessages = {
  settings: {
    title: 'Tetapan',
    stationName: 'Nama stesen',
    language: 'Bahasa',
    sound: 'Bunyi bip setiap imbasan',
    soundOn: 'Hidup',
    soundOff: 'Mati',
    staleHours: 'Tandakan bungkusan tanpa kemas kini penjejakan selepas (jam)',
    qcUndoMinutes: 'Meja QC: buat asal dibenarkan selama (minit, 0 = tiada)',
    save: 'Simpan',
    saved: 'Disimpan.',
  },
};

export default messages;
