import type { ShiftMessages } from './en';

const messages: ShiftMessages = {
  shift: {
    supervisorOnly: 'Hanya penyelia yang log masuk boleh melihat syif setiap kerani.',
    window: 'Tempoh',
    windows: { today: 'Hari ini', yesterday: 'Semalam', week: '7 hari lalu' },
    clerk: 'Kerani',
    parcels: 'Bungkusan',
    items: 'Barang',
    overrides: 'Ubah cadangan',
    pending: 'Menunggu kelulusan',
    exceptions: 'Tidak dijangka',
    undos: 'Buat asal',
    median: 'Saat/barang (median)',
    p90: 'Saat/barang (90%)',
    total: 'Semua kerani',
    empty: 'Tiada kerja QC dalam tempoh ini.',
  },
};

export default messages;
