import type { PackingMessages } from './en';

const messages: PackingMessages = {
  eventType: {
    package_ship: 'Panggilan penghantaran ke platform',
  },
  errors: {
    BOX_PRESET_UNKNOWN: 'Tiada kotak "{{code}}" di stesen ini. Imbas kotak lain atau taip saiznya.',
    BOX_CODE_INVALID:
      'Kod bar kotak ini tidak dibaca dengan betul ({{scanned}}). Imbas semula atau taip kod kotak.',
    MANIFEST_NOT_FOUND: 'Tiada manifest {{manifestId}}.',
    MANIFEST_CLOSED: 'Manifest ini sudah ditutup; buka manifest baharu untuk pengambilan seterusnya.',
    MANIFEST_WRONG_CARRIER:
      'Bungkusan {{trackingNumber}} ialah {{actual}}, bukan {{expected}}. Asingkan untuk syarikatnya sendiri.',
    MANIFEST_PARCEL_HANDED_OVER: 'Bungkusan {{trackingNumber}} sudah diserahkan (manifest {{manifestId}}).',
    MANIFEST_PARCEL_ON_OTHER:
      'Bungkusan {{trackingNumber}} sudah ada dalam manifest lain yang masih terbuka ({{manifestId}}).',
    MANIFEST_DRIVER_REQUIRED: 'Masukkan nama pemandu untuk menutup manifest.',
    MANIFEST_EMPTY: 'Belum ada bungkusan yang diimbas ke dalam manifest ini.',
  },
};

export default messages;
