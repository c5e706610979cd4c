import type { ShellMessages } from './en';

const messages: ShellMessages = {
  coreStatus: {
    restarting:
      'Stesen sedang dimulakan semula — apa yang anda sahkan tidak hilang. Tunggu sebentar, kemudian teruskan.',
    stopped:
      'Stesen telah berhenti. Semua yang anda sahkan disimpan; ikut mesej pada skrin atau panggil penyelia.',
  },
};
export default messages;
