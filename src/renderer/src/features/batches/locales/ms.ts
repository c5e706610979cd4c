import type { BatchesMessages } from './en';

const messages: BatchesMessages = {
  batches: {
    notice: {
      closed: 'Kelompok ditutup dan sijilnya dikeluarkan.',
      label_queued: 'Label sangkar sedang dihantar ke pencetak.',
      downloaded: 'Sijil dimuat turun.',
    },
    openBatch: 'Kelompok terbuka',
    status: { open: 'Terbuka', closed: 'Ditutup', certified: 'Disijilkan' },
    units_one: '{{count}} unit',
    units_other: '{{count}} unit',
    photos_one: '{{count}} foto',
    photos_other: '{{count}} foto',
    none: 'Belum ada kelompok pemusnahan: meluluskan pemusnahan akan membukanya.',
    verifyTitle: 'Sahkan sijil',
    verifyIntro:
      'Pilih PDF sijil (dari e-mel, muat turun, syarikat pelupusan): stesen ini menyemaknya dengan yang dikeluarkan.',
    verifyChoose: 'Pilih PDF…',
    opened: 'Dibuka',
    closed: 'Ditutup dan diluluskan',
    totals: 'Jumlah',
    note: 'Nota',
    label: 'Label sangkar',
    certificate: 'Sijil {{id}}',
    sha256: 'SHA-256 sijil:',
    fileSha256: 'SHA-256 fail:',
    download: 'Muat turun sijil (PDF)',
    printLabel: 'Cetak label sangkar',
    closeNote: 'Nota untuk sijil (siapa mengambil sangkar, nombor meterai…)',
    close_one: 'Tutup kelompok ({{count}} unit) dan keluarkan sijil',
    close_other: 'Tutup kelompok ({{count}} unit) dan keluarkan sijil',
    unit: 'Unit',
    item: 'Barang',
    why: 'Sebab musnah',
    approvedBy: 'Diluluskan oleh',
    outcome: {
      valid: 'sah — fail yang sama dikeluarkan stesen ini, rekod dan kelompok tidak berubah',
      not_pdf: 'TIDAK sah — ini bukan PDF',
      unknown: 'TIDAK sah — stesen ini tidak pernah mengeluarkan fail ini',
      file_altered: 'TIDAK sah — fail diubah selepas dikeluarkan',
      record_altered: 'TIDAK sah — rekod stesen tidak lagi sepadan dengan cincang sijil',
      batch_changed: 'TIDAK sah — kelompok yang disijilkan telah diubah sejak itu',
    },
    thisFile: 'SHA-256 fail ini:',
  },
};

export default messages;
