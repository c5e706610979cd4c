import type { SessionMessages } from './en';

const messages: SessionMessages = {
  signIn: {
    title: 'Đăng nhập',
    intro: 'Giám sát đăng nhập để chạy đồng bộ hằng ngày và xử lý sự kiện lỗi.',
    user: 'Bạn là ai?',
    pin: 'PIN',
    submit: 'Đăng nhập',
  },
};

export default messages;
