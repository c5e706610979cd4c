import type { SyncMessages } from './en';

const messages: SyncMessages = {
  sync: {
    title: 'Segerak',
    showIdle: 'Tunjuk {{count}} yang terbiar',
    hideIdle: 'Sembunyi yang terbiar',
    noActivity: 'Belum ada apa-apa dalam baris gilir atau dihantar.',
    destinations: 'Destinasi',
    destination: 'Destinasi',
    circuit: 'Sambungan',
    lastSuccess: 'Hubungan berjaya terakhir',
    run: 'Jalankan segerak harian',
    cancel: 'Batal segerak',
    cancelling: 'Membatalkan…',
    idle: 'Tiada segerak sedang berjalan.',
    progress: 'Langkah {{step}} daripada {{steps}}: {{stage}}',
    progressCount: '{{done}} daripada {{total}}',
    supervisorOnly:
      'Hanya penyelia boleh menjalankan segerak atau memutuskan peristiwa gagal. Log masuk di kanan atas.',
    reports: 'Laporan terkini',
    noReports: 'Belum ada segerak dijalankan.',
    duration: 'Mengambil {{seconds}} s',
    delivered: 'Dihantar',
    failed: 'Mencuba semula',
    dead: 'Gagal',
    pending: 'Menunggu',
    pulled: '{{source}}: {{fetched}} diambil, {{upserted}} disimpan',
    failures: 'Kegagalan',
    exceptions: 'Bungkusan tanpa kemas kini penjejakan',
    silentFor: '{{hours}} jam tanpa kemas kini',
    errors: 'Ralat',
    deadLetters: 'Peristiwa gagal',
    noDeadLetters: 'Tiada peristiwa gagal.',
    retry: 'Hantar semula',
    discard: 'Buang',
    discardReason: 'Kenapa dibuang? (sekurang-kurangnya 3 aksara)',
    discardConfirm: 'Buang peristiwa',
  },
  syncStage: {
    pull_returns: 'Mengambil pesanan pemulangan baharu',
    pull_tracking: 'Mengambil kemas kini penjejakan',
    push: 'Menghantar peristiwa dalam baris gilir',
    report: 'Menulis laporan',
  },
  syncStatus: {
    running: 'Berjalan',
    ok: 'OK',
    attention: 'Perlu perhatian',
    failed: 'Gagal',
    cancelled: 'Dibatalkan',
  },
  syncTrigger: {
    ui: 'dari skrin ini',
    cli: 'tugas berjadual',
  },
};

export default messages;
