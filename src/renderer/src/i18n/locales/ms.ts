import type { Locale } from '../locale';
import type { BaseMessages } from './en';

const messages: BaseMessages = {
  app: {
    title: 'LastMile Desk',
    station: 'Stesen',
    operator: 'Pengendali',
    signIn: 'Log masuk',
    signOut: 'Log keluar',
    changePin: 'Tukar PIN',
    stationDefault: 'belum log masuk: pengguna lalai stesen',
    signedIn: 'telah log masuk',
    idleSignOut: 'telah log masuk; log keluar selepas {{minutes}} minit tanpa aktiviti',
    loading: 'Memuatkan…',
    screens: 'Skrin',
    cancel: 'Batal',
    refresh: 'Muat semula',
    never: 'tidak pernah',
    none: '—',
    keyMissing: 'Skrin ini tidak bersambung dengan stesen',
    keyMissingWhy:
      'Kunci stesen telah ditukar, atau pelayar ini tidak pernah memilikinya. Pada PC stesen, jalankan:',
    keyMissingAsk:
      'DIR ialah folder data stesen. Kemudian buka pautan yang dicetak dalam pelayar ini — atau minta pautan stesen daripada penyelia.',
  },
  nav: {
    receive: 'QC Pemulangan',
    scan: 'Imbas',
    queue: 'Baris gilir',
    sync: 'Segerak',
    settings: 'Tetapan',
    printers: 'Pencetak',
    supervisor: 'Kelulusan',
    packing: 'Pembungkusan',
  },
  roles: {
    clerk: 'Kerani',
    packer: 'Pembungkus',
    supervisor: 'Penyelia',
    admin: 'Pentadbir',
  },
  scanSource: {
    scanner: 'pengimbas',
    keyboard: 'papan kekunci',
  },
  outcome: {
    parcel: 'Bungkusan',
    return_order: 'Pemulangan',
    unknown: 'Tidak dikenali',
  },
  direction: {
    outbound: 'Keluar',
    return: 'Pulang',
  },
  parcelStatus: {
    created: 'Dicipta',
    in_transit: 'Dalam transit',
    out_for_delivery: 'Sedang dihantar',
    delivered: 'Dihantar',
    delivery_failed: 'Penghantaran gagal',
    returning: 'Sedang dipulangkan',
    received: 'Diterima',
    exception: 'Masalah',
    cancelled: 'Dibatalkan',
  },
  returnStatus: {
    expected: 'Dijangka',
    received: 'Diterima',
    inspecting: 'Sedang diperiksa',
    completed: 'Selesai',
    cancelled: 'Dibatalkan',
  },
  returnReason: {
    buyer_remorse: 'Tukar fikiran',
    defective: 'Rosak',
    damaged_in_transit: 'Rosak semasa penghantaran',
    wrong_item: 'Barang salah dihantar',
    missing_parts: 'Bahagian hilang',
    refused_at_delivery: 'Ditolak semasa penghantaran',
  },
  eventType: {
    scan_recorded: 'Imbasan direkod',
    scan_unknown: 'Kod tidak dikenali diimbas',
    return_received: 'Pemulangan diterima',
    return_receipt_decided: 'Keputusan penerimaan',
    inventory_adjusted: 'Pelarasan inventori',
    qc_exception_raised: 'Pemulangan tidak dijangka',
    qc_destruction_certified: 'Pemusnahan disijilkan',
    qc_exception_resolved: 'Pengecualian diselesaikan',
  },
  outboxStatus: {
    pending: 'Menunggu',
    in_flight: 'Sedang dihantar',
    delivered: 'Dihantar',
    dead: 'Gagal',
    discarded: 'Dibuang',
  },
  circuit: {
    closed: 'OK',
    open: 'Dijeda: gagal',
    half_open: 'Menguji semula',
  },
  errors: {
    VALIDATION_FAILED: 'Permintaan "{{call}}" ditolak: medan "{{field}}" tidak sah ({{issue}}).',
    UNKNOWN_CALL: 'Stesen ini tidak mengenali permintaan "{{name}}". Kemas kini aplikasi.',
    UNAUTHORIZED:
      'Halaman ini tiada kunci semasa stesen. Pada PC stesen, jalankan “lastmile station --print-url --data <folder data stesen>” dan buka pautan yang dicetak di sini.',
    FORBIDDEN:
      'Hanya penyelia boleh melakukan ini. Log masuk sebagai penyelia dahulu, atau minta penyelia meluluskannya.',
    NOT_FOUND: 'Tidak dijumpai: {{id}}.',
    BAD_PIN: 'PIN salah. Tinggal {{attemptsLeft}} cubaan sebelum log masuk dijeda.',
    SIGN_IN_LOCKED: 'Terlalu banyak PIN salah. Log masuk dijeda: cuba lagi dalam {{retryAfterSeconds}} saat.',
    PIN_CHANGE_REQUIRED: '{{name}} mesti memilih PIN baharu dahulu (log masuk sekali untuk menukarnya).',
    PIN_TOO_WEAK: 'PIN itu terlalu mudah diteka. Pilih yang lain.',
    NOT_SIGNED_IN: 'Tiada sesiapa log masuk di skrin ini.',
    SESSION_EXPIRED:
      '{{name}} telah dilog keluar selepas {{idleMinutes}} minit tanpa aktiviti. Log masuk semula, atau minta penyelia meluluskan.',
    BADGE_INVALID: 'Lencana itu tidak dapat dibaca. Imbas sekali lagi.',
    BADGE_UNKNOWN: 'Lencana ini bukan milik sesiapa di stesen ini. Minta penyelia mendaftarkannya.',
    BADGE_TAKEN: 'Lencana ini sudah menjadi milik orang lain.',
    SCAN_IS_BADGE: 'Itu lencana kakitangan, bukan bungkusan. Tiada apa-apa direkodkan.',
    SCAN_EMPTY: 'Tiada apa yang diimbas. Imbas label sekali lagi.',
    SCAN_TOO_LONG:
      'Itu bukan label: {{length}} aksara diterima, kod paling panjang {{max}}. Imbas label sekali lagi.',
    SCAN_BAD_CHARACTERS:
      'Imbasan mengandungi aksara kawalan (kod {{charCode}}) pada kedudukan {{position}}. Semak tetapan awalan/akhiran pengimbas, kemudian imbas semula.',
    SCAN_NOT_ASCII:
      '"{{character}}" bukan sebahagian daripada mana-mana label. Tukar kaedah input papan kekunci kepada English/ABC, kemudian imbas semula.',
    DB_LOCKED:
      'Pangkalan data stesen sibuk (program lain sedang menggunakannya). Tunggu sebentar dan cuba lagi.',
    DB_CORRUPT: 'Pangkalan data stesen rosak. Panggil penyelia; jangan padam sebarang fail.',
    DB_READONLY: 'Pangkalan data stesen tidak boleh ditulis (baca sahaja). Panggil penyelia.',
    DISK_FULL: 'Cakera PC ini penuh. Tiada apa yang direkod. Panggil penyelia.',
    DATA_DIR_UNUSABLE: 'Folder data {{path}} tidak boleh digunakan. Panggil penyelia.',
    DB_NEWER_THAN_APP:
      'Pangkalan data ditulis oleh versi aplikasi yang lebih baharu (versi {{fileVersion}}, aplikasi ini mengenali {{appVersion}}). Kemas kini aplikasi.',
    SYNC_ALREADY_RUNNING: 'Segerak sedang berjalan. Ikuti kemajuannya di sini.',
    SYNC_NOT_RUNNING: 'Tiada segerak sedang berjalan.',
    OUTBOX_EVENT_NOT_DEAD: 'Peristiwa ini tidak lagi gagal (kini: {{status}}). Senarai telah dimuat semula.',
    TRANSPORT_FAILED: 'Stesen tidak menjawab ({{call}}). Semak bahawa ia masih berjalan.',
    PRINT_TEMPLATE_UNKNOWN: 'Tiada templat label "{{template}}".',
    PRINT_DATA_INVALID: 'Label "{{template}}" tidak boleh dicetak: medan "{{field}}" tidak sah ({{issue}}).',
    PRINT_TEXT_TOO_LONG:
      'Teks "{{field}}" lebih panjang daripada ruang label "{{template}}" (paling banyak {{maxLines}} baris pada saiz terkecil).',
    PRINT_TEXT_UNSUPPORTED_CHARACTER:
      'Label "{{template}}" tidak boleh mencetak "{{character}}" ({{codePoint}}) dalam "{{field}}": tiada fon di stesen ini.',
    PRINT_BARCODE_NOT_ENCODABLE:
      'Nilai "{{field}}" tidak boleh dimasukkan ke dalam kod bar {{symbology}} ({{reason}}).',
    PRINT_BARCODE_TOO_LARGE: 'Kod bar {{symbology}} bagi "{{field}}" tidak muat pada label "{{template}}".',
    PRINT_FORMAT_UNSUPPORTED: 'Label tidak boleh dihasilkan sebagai "{{format}}".',
    PRINT_JOB_NOT_FOUND: 'Tiada kerja cetak {{jobId}}.',
    PRINTER_UNKNOWN: 'Tiada pencetak "{{printerId}}" di stesen ini.',
    PRINTER_PROFILE_INVALID: 'Tetapan pencetak tidak sah: "{{field}}" ({{issue}}).',
    PRINTER_TEMPLATE_NOT_ALLOWED:
      'Pencetak "{{printerId}}" tidak ditetapkan untuk mencetak label "{{template}}".',
    PRINTER_UNREACHABLE:
      'Pencetak di {{printer}} tidak dapat dihubungi ({{reason}}). Semak kabel dan kuasa; label menunggu dan dicetak apabila ia kembali.',
    PRINTER_CONNECTION_LOST:
      'Pencetak di {{printer}} memutuskan sambungan selepas {{sent}} daripada {{total}} bait. Label akan dihantar semula.',
    PRINTER_TIMEOUT: 'Pencetak di {{printer}} berhenti menjawab. Label akan dihantar semula.',
    PRINTER_NOT_READY: 'Pencetak di {{printer}} tidak sedia ({{reason}}).',
    PRINTER_INTERFACE_UNSUPPORTED:
      'Stesen ini tidak boleh berhubung dengan pencetak melalui "{{interface}}".',
    QC_STEP_MISMATCH: 'Itu tidak sesuai dengan langkah ini. Ikut apa yang “Seterusnya” katakan.',
    QC_NO_OPEN_PARCEL: 'Tiada bungkusan di meja. Imbas bungkusan dahulu.',
    QC_FINISH_CURRENT_ITEM: 'Selesaikan barang di meja dahulu (lihat “Seterusnya”).',
    QC_BIN_NOT_FOUND: 'Tong {{code}} tidak wujud. Imbas label tong yang sebenar.',
    QC_BIN_WRONG_KIND: 'Tong {{code}} ialah tong {{kind}}, bukan tong {{expected}}. Imbas tong lain.',
    QC_PHOTO_REQUIRED: 'Foto diperlukan di sini. Tekan Enter untuk mengambilnya, atau pilih fail foto.',
    QC_NOTHING_TO_UNDO: 'Tiada apa untuk dibuat asal.',
    QC_UNDO_EXPIRED: 'Terlambat untuk buat asal: tempoh buat asal ialah {{minutes}} minit. Panggil penyelia.',
    QC_UNDO_TOO_LATE: 'Terlambat untuk buat asal: ia sudah meninggalkan stesen. Panggil penyelia.',
    QC_ITEMS_UNDECIDED: 'Ada barang di meja yang belum diputuskan. Selesaikannya dahulu.',
    QC_RETURN_CLOSED: 'Pemulangan ini sudah diterima dalam bungkusan lain.',
    QC_APPROVAL_NOT_PENDING:
      'Kelulusan ini tidak lagi menunggu (kini: {{status}}). Senarai telah dimuat semula.',
    QC_REJECT_REASON_REQUIRED: 'Pilih sebab pemusnahan ditolak (dengan “Lain-lain”, tulis nota).',
    QC_REJECT_NEEDS_DISPOSITION:
      'Pilih apa yang dilakukan pada unit ini sebagai ganti; stok semula memerlukan tong stoknya.',
    QC_BATCH_NOT_OPEN: 'Kelompok ini tidak dibuka lagi (kini: {{status}}).',
    QC_BATCH_EMPTY: 'Kelompok ini belum ada unit: luluskan pemusnahan dahulu.',
    QC_CERTIFICATE_FILE_MISSING:
      'Fail sijil {{certificateId}} tiada dalam folder data. Pulihkan folder daripada sandaran.',
    QC_EXCEPTION_RESOLVED: 'Pengecualian ini sudah diselesaikan. Senarai telah dimuat semula.',
    QC_RULES_CHANGED:
      'Seseorang telah menyimpan versi peraturan {{current}} semasa anda menyunting versi {{basedOn}}. Muat semula dan buat perubahan sekali lagi.',
    PHOTO_NOT_IMAGE: 'Fail itu bukan foto (JPEG, PNG atau WebP). Pilih foto.',
    PHOTO_TOO_LARGE:
      'Foto terlalu besar ({{bytes}} bait; paling banyak {{max}}). Ambil foto baharu atau pilih fail yang lebih kecil.',
    PHOTO_NOT_FOUND: 'Foto itu tiada lagi di stesen ini. Ambil semula.',
    CAMERA_UNAVAILABLE: 'Kamera tidak boleh digunakan ({{reason}}). Pilih fail foto sebagai ganti.',
    PRINTER_NOT_CONFIGURED:
      'Tiada pencetak di stesen ini yang mencetak label "{{template}}". Penyelia menambahnya di bawah Pencetak.',
    PRINTING_NOT_READY: 'Pencetakan masih bermula. Cuba lagi sebentar lagi; tiada apa yang hilang.',
    CORE_RESTARTING:
      'Stesen sedang dimulakan semula. Apa yang anda sahkan tidak hilang; jika ini imbasan, imbas bungkusan sekali lagi.',
    ROUTE_LINE_UNKNOWN:
      '"{{line}}" bukan akaun syarikat penghantaran stesen ini. Pilih salah satu: {{lines}}.',
    ROUTE_LINES_SAME: 'Laluan sandaran mestilah syarikat penghantaran lain daripada laluan utama ({{line}}).',
    CARRIER_ACCOUNT_UNKNOWN:
      'Tiada akaun syarikat penghantaran "{{account}}" dalam konfigurasi penyegerakan stesen ini.',
    CREDENTIAL_FIELD_UNKNOWN: '"{{field}}" bukan rahsia akaun {{account}}. Akaun ini ada: {{fields}}.',
    SECRET_STORE_WEAK:
      'PC ini tiada stor rahsia yang dilindungi ({{backend}}). Tiada apa yang disimpan. Tandakan "Simpan juga" untuk mengesahkan, atau sediakan keyring dahulu.',
    SECRET_STORE_UNAVAILABLE:
      'Stor rahsia PC ini tidak boleh digunakan. Tiada apa yang disimpan atau dibaca; panggil pentadbir.',
    SECRET_UNREADABLE:
      'Rahsia yang disimpan tidak boleh dibaca pada PC ini (disimpan pada PC lain atau kuncinya berubah). Masukkan semula.',
    INTERNAL: 'Berlaku ralat dalam aplikasi. Butirannya ada dalam log; panggil penyelia.',
  },
  errorDetails: {
    VALIDATION_FAILED: {
      scale_address:
        'Stesen tidak dapat membuka alamat penimbang ini. Tulis tcp://hos:port (contohnya tcp://127.0.0.1:4001) atau laluan peranti seperti /dev/ttyUSB0.',
      scale_address_missing:
        'Penimbang dipilih tetapi alamatnya kosong. Tulis alamat, atau pilih "Tiada penimbang".',
      station_name_characters:
        'Nama stesen mengandungi aksara tersembunyi atau rosak (aksara kawalan atau separuh emoji). Taip semula.',
      user_or_badge: 'Pilih siapa anda, atau imbas lencana anda.',
    },
    PIN_TOO_WEAK: {
      length: 'PIN mempunyai 4 hingga 12 digit.',
      digits: 'PIN hanya mengandungi digit.',
      repeated: 'Satu digit berulang (seperti 0000) terlalu mudah diteka. Pilih PIN lain.',
      sequence: 'Turutan digit (seperti 1234 atau 9876) terlalu mudah diteka. Pilih PIN lain.',
      same_as_old: 'PIN baharu mesti berbeza daripada PIN lama.',
    },
    BADGE_INVALID: {
      format: 'Itu bukan lencana kakitangan. Imbas lencana sekali lagi.',
      check_character: 'Lencana tersalah baca (aksara semakan tidak sepadan). Imbas sekali lagi.',
    },
    BAD_PIN: {
      locked: 'PIN salah. Log masuk dijeda: cuba lagi dalam {{retryAfterSeconds}} saat.',
    },
    SIGN_IN_LOCKED: {
      station:
        'Terlalu banyak PIN salah di stesen ini. Log masuk dijeda: cuba lagi dalam {{retryAfterSeconds}} saat.',
    },
    FORBIDDEN: {
      admin: 'Hanya pentadbir boleh melakukan ini.',
      another_user:
        'Anda tidak boleh melakukan ini pada akaun anda sendiri. Tukar PIN anda dengan “Tukar PIN”.',
      authorizer: 'Orang itu bukan penyelia: dia tidak boleh meluluskan ini.',
      setting:
        'Hanya penyelia boleh menukar tetapan ini. Log masuk sebagai penyelia, atau minta penyelia meluluskannya.',
    },
  },
};

const locale: Locale<BaseMessages> = { code: 'ms', nativeName: 'Bahasa Melayu', messages };
export default locale;
