import type { ShiftMessages } from './en';

const messages: ShiftMessages = {
  shift: {
    supervisorOnly: 'Chỉ giám sát đã đăng nhập mới xem được ca của mọi nhân viên.',
    window: 'Khoảng thời gian',
    windows: { today: 'Hôm nay', yesterday: 'Hôm qua', week: '7 ngày qua' },
    clerk: 'Nhân viên',
    parcels: 'Bưu kiện',
    items: 'Sản phẩm',
    overrides: 'Đổi đề xuất',
    pending: 'Chờ duyệt',
    exceptions: 'Ngoài dự kiến',
    undos: 'Hoàn tác',
    median: 'Giây/sản phẩm (trung vị)',
    p90: 'Giây/sản phẩm (90%)',
    total: 'Tất cả nhân viên',
    empty: 'Không có công việc QC trong khoảng này.',
  },
};

export default messages;
