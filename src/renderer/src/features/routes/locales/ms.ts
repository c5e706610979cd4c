import type { RoutesMessages } from './en';

const messages: RoutesMessages = {
  routes: {
    title: 'Laluan',
    rule: 'Kerja baharu pergi ke talian sandaran apabila talian utama tidak dapat dihubungi selama {{minutes}} min',
    none: 'Belum ada laluan: setiap bungkusan pergi dengan syarikat penghantaran yang ditetapkan semasa ia dibuat.',
    route: 'Negara / penjual',
    countrySeller: '{{country}} · penjual {{seller}}',
    primary: 'Talian utama',
    backup: 'Talian sandaran',
    noBackup: 'tiada',
    active: 'Menerima kerja baharu',
    sentToBackup: 'Dihantar ke sandaran (24 jam)',
    downSince: 'tidak dapat dihubungi sejak {{time}}',
    line: { primary: 'Utama', backup: 'Sandaran' },
    form: {
      failoverAfter: 'Tukar ke sandaran selepas (minit)',
      saveFailover: 'Simpan masa tukar',
      add: 'Tambah laluan',
      edit: 'Ubah',
      delete: 'Padam',
      editRoute: 'Ubah laluan {{route}}',
      deleteRoute: 'Padam laluan {{route}}',
      actions: 'Tukar',
      newTitle: 'Laluan baharu',
      editTitle: 'Ubah laluan',
      country: 'Negara (2 huruf)',
      seller: 'Penjual (pilihan)',
      everySeller: 'semua penjual',
      choose: 'Pilih akaun syarikat penghantaran',
      noBackup: 'Tiada laluan sandaran',
      save: 'Simpan laluan',
      cancel: 'Batal',
    },
    reason: {
      primary_up: 'Talian utama menjawab.',
      primary_down_briefly: 'Talian utama tidak dapat dihubungi, tetapi kurang daripada {{minutes}} min.',
      primary_down:
        'Talian utama tidak dapat dihubungi lebih daripada {{minutes}} min; kerja dalam baris gilir menunggunya.',
      no_backup: 'Talian utama tidak dapat dihubungi dan laluan ini tiada talian sandaran.',
      backup_down: 'Kedua-dua talian tidak dapat dihubungi; kerja kekal pada talian utama.',
    },
  },
};

export default messages;
