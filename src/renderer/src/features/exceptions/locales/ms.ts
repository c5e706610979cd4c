import type { ExceptionsMessages } from './en';

const messages: ExceptionsMessages = {
  exceptions: {
    supervisorOnly: 'Hanya penyelia yang log masuk boleh menyelesaikan pemulangan tidak dijangka.',
    status: { open: 'Dalam kuarantin', resolved: 'Diselesaikan' },
    done: 'Diselesaikan; hab telah dimaklumkan.',
    raised: 'Dilaporkan oleh',
    bin: 'Tong kuarantin',
    note: 'Nota kerani',
    resolution: 'Penyelesaian',
    photos_one: '({{count}} foto)',
    photos_other: '({{count}} foto)',
    open: 'terbuka',
    kind: { matched: 'Dipadankan dengan', disposed: 'Dilupuskan' },
    disposal: { return_to_sender: 'Dipulangkan kepada pengirim', scrap: 'Dimusnahkan', donate: 'Didermakan' },
    how: { match: 'Pesanan pemulangan ditemui', dispose: 'Tiada yang menuntut' },
    returnOrder: 'Id pesanan pemulangan',
    disposalLabel: 'Apa yang berlaku pada bungkusan',
    noteRequired: 'Nota (wajib, sekurang-kurangnya 3 aksara)',
    noteOptional: 'Nota (pilihan)',
    resolve: 'Selesaikan',
    empty: { open: 'Tiada apa dalam kuarantin.', resolved: 'Belum ada yang diselesaikan.' },
  },
};

export default messages;
