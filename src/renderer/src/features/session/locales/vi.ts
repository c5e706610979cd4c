import type { SessionMessages } from './en';

const messages: SessionMessages = {
  signIn: {
    title: 'Đăng nhập',
    intro: 'Giám sát đăng nhập để chạy đồng bộ hằng ngày và xử lý sự kiện lỗi.',
    user: 'Bạn là ai?',
    badge: 'Thẻ',
    badgeHint: 'Hoặc quét thẻ nhân viên của bạn.',
    pickInstead: 'Chọn tên thay thế',
    pin: 'PIN',
    submit: 'Đăng nhập',
  },
  changePin: {
    title: 'Đổi PIN',
    intro: '{{name}}, hãy chọn PIN mới.',
    forcedTitle: 'Chọn PIN của riêng bạn',
    forcedIntro:
      '{{name}}, PIN bạn vừa dùng để đăng nhập do người khác đặt (hoặc là PIN mặc định của trạm). Hãy chọn PIN của riêng bạn trước khi bắt đầu; cho đến lúc đó bạn chưa được đăng nhập.',
    current: 'PIN hiện tại',
    new: 'PIN mới',
    repeat: 'Nhập lại PIN mới',
    rules: '4 đến 12 chữ số; không phải một chữ số lặp lại, không phải dãy như 1234; không trùng PIN cũ.',
    mismatch: 'Hai PIN mới không khớp.',
    submit: 'Lưu PIN mới',
  },
  stepUp: {
    title: 'Giám sát phê duyệt',
    intro: 'Giám sát quét thẻ (hoặc chọn tên) và nhập PIN của mình. Không ai được đăng nhập qua việc này.',
    who: 'Giám sát',
    pin: 'PIN của giám sát',
    approve: 'Phê duyệt',
    purpose: {
      retryDeadLetter: 'Gửi lại sự kiện lỗi này cho hãng vận chuyển.',
      discardDeadLetter: 'Hủy bỏ vĩnh viễn sự kiện lỗi này.',
      updateSettings: 'Đổi một cài đặt của trạm mà chỉ giám sát được đổi.',
      resetPin: 'Đặt PIN mới cho người dùng khác.',
      assignBadge: 'Cấp thẻ cho người dùng.',
      rotateStationToken: 'Tạo khóa trạm mới (mọi màn hình đang mở cần đường dẫn mới).',
      other: 'Phê duyệt thao tác này.',
    },
  },
  notice: {
    idle: '{{name}} đã bị đăng xuất sau {{idleMinutes}} phút không hoạt động. Màn hình này giờ làm việc với tư cách {{operator}}.',
    restarted:
      'Trạm đã khởi động lại nên mọi người đều bị đăng xuất (cả {{name}}). Màn hình này giờ làm việc với tư cách {{operator}}; hãy đăng nhập lại nếu cần.',
    ok: 'OK',
  },
};

export default messages;
