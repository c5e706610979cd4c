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
    save: 'Lưu',
    saved: 'Đã lưu.',
  },
};

export default messages;
