import type { CarrierAccountsMessages } from './en';

const messages: CarrierAccountsMessages = {
  carrierAccounts: {
    title: 'Akaun syarikat penghantaran',
    intro:
      'Rahsia akaun syarikat penghantaran dan platform yang disegerakkan oleh stesen ini. Ia disimpan secara tersulit pada PC ini dan tidak dipaparkan lagi: anda hanya nampak sama ada ia sudah ditetapkan dan, bagi yang panjang, empat aksara terakhirnya.',
    adminOnly: 'Log masuk sebagai pentadbir untuk melihat dan menukar akaun syarikat penghantaran.',
    none: 'Belum ada akaun syarikat penghantaran atau platform dikonfigurasi pada stesen ini.',
    storage: 'Rahsia dilindungi oleh: {{backend}}',
    storageUnavailable:
      'Tiada stor rahsia yang menjawab pada PC ini: rahsia tidak boleh disimpan atau dibaca.',
    weakWarning:
      'Amaran: PC ini tiada keyring ({{backend}}). Rahsia akan disulitkan dengan kunci yang terbina dalam aplikasi, yang boleh dibuka oleh sesiapa yang menyalin folder data. Sediakan keyring (GNOME Keyring atau KWallet) jika boleh.',
    confirmWeak: 'Simpan juga: saya telah membaca amaran',
    set: 'ditetapkan',
    setEnding: 'ditetapkan, berakhir …{{lastFour}}',
    notSet: 'belum ditetapkan',
    changed: 'ditukar {{when}} oleh {{by}}',
    unknownKind: 'Versi ini tiada penyambung untuk akaun ini; rahsia yang disimpan hanya boleh dikosongkan.',
    save: 'Simpan',
    test: 'Uji sambungan',
    testing: 'Sedang menguji…',
    clear: 'Kosongkan',
    confirmClear:
      'Kosongkan semua rahsia {{account}}? Penyegerakan dengannya berhenti sehingga rahsia baharu dimasukkan.',
    yesClear: 'Ya, kosongkan',
    keep: 'Kekalkan',
    saved: 'Disimpan.',
    cleared: 'Dikosongkan.',
    nothingTyped: 'Taip nilai baharu dahulu.',
    renewed:
      '{{carrier}} memperbaharui {{fields}} semasa ujian: nilai yang ditaip tidak lagi berfungsi. Tekan Simpan untuk menyimpan nilai baharu (stesen ini memegangnya sehingga itu, tidak pernah dipaparkan).',
    backend: {
      'key-file': 'fail kunci dalam folder data, hanya boleh dibaca oleh pengguna ini',
      dpapi: 'Windows (DPAPI)',
      keychain: 'Keychain macOS',
      gnome_libsecret: 'GNOME Keyring',
      kwallet: 'KWallet',
      kwallet5: 'KWallet 5',
      kwallet6: 'KWallet 6',
    },
    field: {
      clientSecret: 'Rahsia klien',
      apiKey: 'Kunci API',
      webhookSecret: 'Rahsia webhook',
      privateKey: 'Kunci peribadi',
      password: 'Kata laluan',
      appSecret: 'Rahsia aplikasi',
      accessToken: 'Token akses',
      refreshToken: 'Token muat semula',
    },
    result: {
      ok: 'Sambungan berfungsi: {{carrier}} menerima kelayakan.',
      auth: '{{carrier}} menolak kelayakan. Semak dan masukkan semula.',
      timeout:
        'Tiada jawapan daripada {{carrier}} dalam {{seconds}} s. Semak rangkaian, kemudian uji semula.',
      network:
        'Tidak dapat menghubungi {{carrier}}. Semak rangkaian dan alamat dalam konfigurasi penyegerakan.',
      throttled: '{{carrier}} sedang mengehadkan permintaan akaun ini. Cuba lagi dalam seminit.',
      server: '{{carrier}} menghadapi masalah sekarang. Cuba lagi kemudian.',
      config: '{{carrier}} menjawab, tetapi akaun tidak disediakan seperti yang dikonfigurasi ({{field}}).',
      cancelled: 'Ujian berhenti sebelum {{carrier}} menjawab.',
      missing_secret: 'Belum ada {{field}} disimpan. Masukkannya, kemudian uji semula.',
      other: 'Ujian gagal: {{detail}}',
    },
  },
};

export default messages;
