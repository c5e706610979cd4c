import type { SessionMessages } from './en';

const messages: SessionMessages = {
  signIn: {
    title: 'เข้าสู่ระบบ',
    intro: 'หัวหน้างานเข้าสู่ระบบเพื่อซิงก์ประจำวันและแก้ไขเหตุการณ์ที่ล้มเหลว',
    user: 'คุณคือใคร?',
    pin: 'PIN',
    submit: 'เข้าสู่ระบบ',
  },
};

export default messages;
