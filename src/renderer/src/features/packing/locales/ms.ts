import type { PackingMessages } from './en';

const messages: PackingMessages = {
  eventType: {
    package_ship: 'Panggilan penghantaran ke platform',
    package_handed_over: 'Bungkusan diserahkan kepada kurier',
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
    PACK_ORDER_NOT_FOUND:
      'Tiada pesanan untuk dibungkus sepadan dengan {{code}}. Imbas semula nombor pesanan, id pakej atau senarai ambil.',
    PACK_ORDER_CANCELLED:
      'Pesanan {{orderRef}} telah dibatalkan oleh platform. Jangan hantar: pulangkan barangnya.',
    PACK_ORDER_DONE: 'Pesanan {{orderRef}} sudah dibungkus. Imbas pesanan seterusnya.',
    PACK_ORDER_AT_OTHER_BENCH: 'Pesanan {{orderRef}} sedang dibungkus di meja lain.',
    PACK_SESSION_OPEN: 'Selesaikan atau ketepikan pesanan {{orderRef}} dahulu.',
    PACK_NO_SESSION: 'Tiada pesanan dibuka. Imbas pesanan untuk mula membungkus.',
    PACK_WRONG_ITEM: 'BARANG SALAH: {{scanned}} tiada dalam pesanan {{orderRef}}. Alihkan dari meja.',
    PACK_LINE_ALREADY_VERIFIED: 'Terlebih: kesemua {{quantity}} {{sku}} sudah diimbas. Alihkan yang ini.',
    PACK_SERIAL_DUPLICATE: 'Nombor siri {{serial}} sudah diimbas dalam pesanan ini.',
    PACK_LINES_NOT_VERIFIED: 'Masih ada {{remaining}} barang untuk diimbas.',
    PACK_WEIGHT_UNSTABLE: 'Penimbang masih bergerak. Biarkan bungkusan pegun dan timbang semula.',
    PACK_WEIGHT_ZERO: 'Penimbang menunjukkan 0. Letakkan bungkusan di atas penimbang.',
    PACK_WEIGHT_OVER_RANGE: 'Bungkusan melebihi had penimbang. Guna penimbang lantai atau taip beratnya.',
    PACK_WEIGHT_UNREADABLE: '"{{text}}" bukan berat. Taip seperti 850 g atau 1.25 kg.',
    PACK_SCALE_UNAVAILABLE: 'Penimbang tidak menjawab. Periksa kabelnya atau taip beratnya.',
    PACK_NOT_WEIGHED: 'Timbang bungkusan dahulu.',
    PACK_NO_ROUTE: 'Tiada laluan kurier untuk {{country}}. Minta penyelia menambahnya.',
    PACK_NO_SERVICE: 'Kurier {{carrier}} tiada perkhidmatan untuk {{market}} di stesen ini.',
    PACK_CARRIER_NOT_LISTED: 'Platform tidak menerima {{carrier}} untuk {{market}}. Pilih laluan lain.',
    PACK_SERVICE_LIMIT:
      'Bungkusan ini terlalu berat atau besar untuk {{service}}. Pilih laluan lain atau bungkus semula.',
    PACK_NO_BACKUP: 'Laluan ini tiada laluan simpanan.',
    PACK_NOT_ROUTED: 'Pilih laluan kurier dahulu.',
    PACK_LABEL_REFUSED: '{{carrier}} menolak label: {{reason}}. Ketepikan bungkusan dan beritahu penyelia.',
    PACK_SPLIT_INVALID:
      'Pecahan mesti memindahkan sekurang-kurangnya satu barang dan meninggalkan sekurang-kurangnya satu.',
    PACK_SPLIT_NOT_ALLOWED: 'Pesanan {{orderRef}} tidak boleh dipecahkan.',
    PACK_PARCEL_UNKNOWN: 'Bungkusan {{trackingNumber}} bukan bungkusan yang telah dibungkus di stesen ini.',
  },
};

export default messages;
