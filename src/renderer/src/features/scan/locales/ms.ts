import type { ScanMessages } from './en';

const messages: ScanMessages = {
  scan: {
    ready: 'Sedia: imbas label (tidak perlu klik), atau taip kod dan tekan Enter.',
    inputLabel: 'Kod',
    record: 'Rekod',
    recording: 'Merekod…',
    foundReturn: 'Pemulangan dijumpai',
    foundParcel: 'Bungkusan dijumpai',
    unknownTitle: 'Kod tidak dikenali',
    unknownHint:
      'Bukan bungkusan atau pemulangan stesen ini. Ketepikan untuk penyelia; imbasan telah disimpan.',
    errorTitle: 'Tidak direkod',
    busyTitle: 'Stesen sibuk — mencuba semula',
    busyHint:
      'Program lain sedang menggunakan pangkalan data stesen. Imbasan ini dihantar semula dengan sendirinya (cubaan {{attempt}} daripada {{attempts}}); pegang bungkusan sehingga ia bertukar hijau atau kuning.',
    imeTitle: 'Papan kekunci dalam bahasa lain',
    imeHint:
      'Pengimbas menaip melalui kaedah input Cina/Thai/Vietnam. Tukar kepada English/ABC (Win+Space atau Ctrl+Space), kemudian imbas semula.',
    rawCode: 'Diterima: {{preview}} ({{length}} aksara)',
    orderId: 'Pesanan',
    returnTracking: 'Penjejakan pemulangan',
    reason: 'Sebab',
    items: 'Barang',
    status: 'Status',
    carrier: 'Syarikat penghantaran',
    country: 'Negara',
    direction: 'Arah',
    quantity: '× {{quantity}}',
    via: 'melalui {{source}}',
    recent: 'Imbasan terkini',
    recentEmpty: 'Belum ada imbasan.',
  },
};

export default messages;
