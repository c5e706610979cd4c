import type { RulesMessages } from './en';

const messages: RulesMessages = {
  rules: {
    supervisorOnly:
      'Hanya penyelia yang log masuk boleh menyunting jadual peraturan. Log masuk di kanan atas.',
    version: 'Jadual peraturan versi {{version}}',
    unsaved: 'diubah, belum disimpan',
    keys: { select: 'pilih peraturan', move: 'alih', add: 'tambah', remove: 'buang', save: 'simpan' },
    saved_one: 'Disimpan sebagai versi {{version}}; {{count}} amaran untuk dibaca.',
    saved_other: 'Disimpan sebagai versi {{version}}; {{count}} amaran untuk dibaca.',
    rule: 'Peraturan',
    when: 'Apabila',
    then: 'Maka',
    hasWarning: 'Peraturan ini ada amaran',
    saveNote: 'Sebab perubahan (disimpan bersama versi)',
    save: 'Simpan sebagai versi baharu',
    warningsTitle: 'Apa yang jadual ini lakukan ({{count}} amaran)',
    noWarnings:
      'Tiada amaran: setiap peraturan memutuskan sebahagian unit, dan tiada yang diambil oleh peraturan lain.',
    history: 'Versi yang disimpan',
    builtIn: 'terbina dalam',
    count_one: '{{count}} peraturan',
    count_other: '{{count}} peraturan',
    anything: 'apa sahaja',
    field: {
      grades: 'Gred',
      categories: 'Kategori',
      reasons: 'Sebab pemulangan',
      matches: 'Barang seperti dijangka?',
    },
    category: {
      electronics: 'Elektronik',
      apparel: 'Pakaian',
      footwear: 'Kasut',
      cosmetics: 'Kosmetik',
      home: 'Rumah',
      general: 'Umum',
    },
    warning: {
      unreachable:
        'Peraturan {{rule}} tidak pernah memutuskan apa-apa: {{by}} mengambil semua unitnya dahulu.',
      overlap:
        'Peraturan {{by}} didahulukan dan memutuskan {{count}} jenis unit sebagai {{as}}, berbeza daripada {{rule}}.',
      gap: '{{count}} jenis unit hanya sepadan dengan peraturan terakhir, jadi ia menjadi {{disposition}}.',
      empty_value_range:
        'Peraturan {{rule}} tidak mungkin sepadan dalam {{currency}}: “sekurang-kurangnya” tidak di bawah “di bawah”.',
    },
    id: 'Id peraturan (a-z, 0-9, - dan _)',
    lastRule:
      'Peraturan terakhir memutuskan setiap unit yang tidak sepadan dengan peraturan lain; ia tiada syarat.',
    atLeast: 'Nilai barang sekurang-kurangnya',
    below: 'Nilai barang di bawah',
    moneyFormat: 'Tulis amaun sebagai “500 THB” atau “500 THB, 20 USD”.',
    note: 'Sebab peraturan wujud',
  },
};

export default messages;
