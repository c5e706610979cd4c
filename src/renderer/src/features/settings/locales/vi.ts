import type { SettingsMessages } from './en';

const messages: SettingsMessages = {
  settings: {
    title: 'Cài đặt',
    stationName: 'Tên trạm',
    language: 'Ngôn ngữ',
    sound: 'Kêu bíp mỗi lần quét',
    soundOn: 'Bật',
    soundOff: 'Tắt',
    staleHours: 'Đánh dấu bưu kiện không có cập nhật hành trình sau (giờ)',
    qcUndoMinutes: 'Bàn kiểm: cho phép hoàn tác trong (phút, 0 = không hoàn tác)',
    packPhoto: 'Chụp ảnh trước khi đóng (bàn đóng gói, kiện đang mở)',
    packPhoto_required: 'Bắt buộc',
    packPhoto_none: 'Tắt',
    idleMinutes: 'Đăng xuất giám sát sau bấy nhiêu phút không hoạt động',
    scaleKind: 'Cân đóng gói',
    scaleKinds: {
      none: 'Không có cân (nhập cân nặng bằng tay)',
      'mt-sics': 'Mettler Toledo (MT-SICS, cổng nối tiếp)',
      cas: 'CAS (cổng nối tiếp)',
      'hid-pos': 'Cân USB HID POS',
    },
    scaleAddress: 'Địa chỉ cân',
    scaleAddressHint:
      'tcp://máy:cổng cho bộ chuyển nối tiếp sang mạng, hoặc đường dẫn thiết bị như /dev/ttyUSB0, /dev/hidraw0.',
    supervisorOnly:
      'Tên trạm, cảnh báo theo dõi, thời gian tự đăng xuất và thời hạn hoàn tác ở bàn kiểm thay đổi cách trạm hoạt động: khi lưu cần giám sát phê duyệt. Ngôn ngữ và tiếng bíp bạn tự đặt được.',
    save: 'Lưu',
    saved: 'Đã lưu.',
    stationKey: 'Đường dẫn trạm',
    stationKeyHint:
      'Mọi màn hình giữ đường dẫn của mình qua các lần khởi động lại. Để chặn mọi màn hình đang có đường dẫn (máy tính đã rời kho, đường dẫn bị chia sẻ), quản trị viên tạo khóa mới; sau đó mở đường dẫn mới trên mọi màn hình.',
    rotateKey: 'Tạo khóa trạm mới',
    newLink: 'Đường dẫn mới (màn hình này đã dùng):',
  },
};

export default messages;
