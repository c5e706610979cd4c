import type { DecisionsMessages } from './en';

const messages: DecisionsMessages = {
  decisions: {
    supervisorOnly: 'Hanya penyelia yang log masuk boleh melihat setiap keputusan.',
    query: 'Cari: plat lesen, id pemulangan, id pesanan, SKU atau siri (Enter)',
    disposition: 'Pelupusan',
    status: 'Status',
    all: 'Semua',
    active: 'Berkuat kuasa',
    undone: 'dibuat asal',
    when: 'Masa',
    unit: 'Unit',
    item: 'Barang',
    clerk: 'Diputuskan oleh',
    suggested: 'peraturan: {{disposition}}',
    empty: 'Tiada keputusan yang sepadan.',
    more: 'Keputusan lebih lama',
    photos_one: '{{count}} foto',
    photos_other: '{{count}} foto',
    history: 'Setiap keputusan unit ini',
    approval: 'Kelulusan pemusnahan',
    batch: 'kelompok {{status}}',
    events: 'Acara kepada platform dan hab',
    audit: 'Log audit',
  },
};

export default messages;
