import type { SessionMessages } from './en';

const messages: SessionMessages = {
  signIn: {
    title: 'Log masuk',
    intro: 'Penyelia log masuk untuk menjalankan segerak harian dan membetulkan peristiwa gagal.',
    user: 'Siapakah anda?',
    badge: 'Lencana',
    badgeHint: 'Atau imbas lencana anda.',
    pickInstead: 'Pilih nama sebaliknya',
    pin: 'PIN',
    submit: 'Log masuk',
  },
  changePin: {
    title: 'Tukar PIN',
    intro: '{{name}}, pilih PIN baharu.',
    forcedTitle: 'Pilih PIN anda sendiri',
    forcedIntro:
      '{{name}}, PIN yang anda gunakan untuk log masuk telah ditetapkan untuk anda (atau PIN lalai stesen). Pilih PIN anda sendiri sebelum bermula; sehingga itu anda belum log masuk.',
    current: 'PIN semasa',
    new: 'PIN baharu',
    repeat: 'PIN baharu sekali lagi',
    rules: '4 hingga 12 digit; bukan satu digit berulang, bukan turutan seperti 1234; bukan PIN lama.',
    mismatch: 'Kedua-dua PIN baharu tidak sama.',
    submit: 'Simpan PIN baharu',
  },
  stepUp: {
    title: 'Kelulusan penyelia',
    intro:
      'Penyelia mengimbas lencananya (atau memilih namanya) dan menaip PIN sendiri. Tiada sesiapa dilog masuk olehnya.',
    who: 'Penyelia',
    pin: 'PIN penyelia',
    approve: 'Luluskan',
    purpose: {
      retryDeadLetter: 'Hantar semula peristiwa gagal ini kepada syarikat penghantaran.',
      discardDeadLetter: 'Buang peristiwa gagal ini untuk selama-lamanya.',
      updateSettings: 'Tukar tetapan stesen yang hanya boleh ditukar oleh penyelia.',
      resetPin: 'Tetapkan PIN baharu untuk pengguna lain.',
      assignBadge: 'Berikan lencana kepada pengguna.',
      rotateStationToken: 'Jana kunci stesen baharu (setiap skrin yang terbuka memerlukan pautan baharu).',
      other: 'Luluskan tindakan ini.',
    },
  },
  notice: {
    idle: '{{name}} telah dilog keluar selepas {{idleMinutes}} minit tanpa aktiviti. Skrin ini kini berfungsi sebagai {{operator}}.',
    restarted:
      'Stesen dimulakan semula, jadi semua orang dilog keluar ({{name}} juga). Skrin ini kini berfungsi sebagai {{operator}}; log masuk semula jika perlu.',
    ok: 'OK',
  },
};

export default messages;
