import type { SessionMessages } from './en';

const messages: SessionMessages = {
  signIn: {
    title: 'Log masuk',
    intro: 'Penyelia log masuk untuk menjalankan segerak harian dan membetulkan peristiwa gagal.',
    user: 'Siapakah anda?',
    pin: 'PIN',
    submit: 'Log masuk',
  },
};

export default messages;
