import type { QueueMessages } from './en';

const messages: QueueMessages = {
  queue: {
    title: 'Baris gilir keluar',
    intro:
      'Apa yang stesen ini masih perlu beritahu syarikat penghantaran dan platform. Disimpan di PC ini sehingga dihantar.',
    filter: 'Tunjuk',
    total: 'Peristiwa dalam senarai ini: {{count}}',
    created: 'Masa',
    event: 'Peristiwa',
    about: 'Tentang',
    destination: 'Destinasi',
    status: 'Status',
    attempts: 'Cubaan',
    empty: 'Tiada apa dalam senarai ini.',
    previous: 'Sebelum',
    next: 'Seterusnya',
    page: 'Halaman {{page}} daripada {{pages}}',
  },
};

export default messages;
