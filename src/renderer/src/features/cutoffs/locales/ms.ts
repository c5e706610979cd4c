import type { CutoffsMessages } from './en';

const messages: CutoffsMessages = {
  cutoffs: {
    keys: {
      move: 'pilih',
      confirm: 'sahkan',
      edit: 'ubah masa tutup',
      cancel: 'kembali',
    },
    action: {
      next_pickup: 'pungutan seterusnya',
      note: 'nota',
      rebook: 'tempah semula',
    },
    notice: {
      next_pickup: '{{orderRef}} menunggu pungutan seterusnya.',
      note: '{{orderRef}} diakui dengan nota anda.',
      rebook: '{{orderRef}}: label dibatalkan. Meja pembungkusan akan memilih laluan lain.',
      saved: 'Masa tutup disimpan untuk {{orderRef}}.',
      reset: 'Masa tutup {{orderRef}} kembali ke asal.',
    },
    none: 'Tiada bungkusan yang terlepas masa tutup.',
    col: {
      order: 'Pesanan',
      carrier: 'Kurier',
      packedAt: 'Dibungkus',
      cutoff: 'Masa tutup terlepas',
      nextPickup: 'Pungutan seterusnya',
      risk: 'Risiko lewat',
      resolution: 'Penyelesaian',
      market: 'Pasaran',
      lastPickup: 'Pungutan terakhir',
      days: 'Hari pungutan',
      source: 'Sumber',
    },
    noLabel: 'belum ada label',
    open: 'Belum selesai',
    resolved: {
      next_pickup: 'Tunggu pungutan seterusnya',
      note: 'Diakui',
      rebook: 'Ditempah semula',
    },
    confirm: {
      next_pickup: '{{orderRef}} menunggu pungutan {{carrier}} seterusnya. Tekan Enter untuk sahkan.',
      note: 'Akui {{orderRef}}: tulis sebabnya, kemudian tekan Enter.',
      rebook:
        'Batalkan label {{carrier}} bagi {{orderRef}} dan hantar semula untuk dilabel pada laluan lain? Tekan Enter untuk sahkan.',
    },
    noteLabel: 'Nota (wajib)',
    confirmButton: 'Sahkan',
    tableTitle: 'Masa tutup setiap kurier',
    anyCarrier: 'Mana-mana kurier',
    anyMarket: 'Mana-mana pasaran',
    workingWeek: 'Minggu bekerja:',
    source: {
      station: 'Ditetapkan oleh {{name}}',
      official: 'Peraturan kurier',
      reference: 'Nota rujukan kami',
      community: 'Sumber komuniti',
      ours: 'Andaian kami',
    },
    save: 'Simpan',
    reset: 'Kembali ke asal',
  },
  stepUp: {
    purpose: {
      packCutoffResolve: 'Selesaikan bungkusan yang terlepas masa tutup.',
      packCutoffSet: 'Tukar masa tutup kurier.',
    },
  },
  errorDetails: {
    VALIDATION_FAILED: {
      cutoff_time: 'Tulis pungutan terakhir sebagai HH:MM, contohnya 17:00.',
    },
  },
};

export default messages;
