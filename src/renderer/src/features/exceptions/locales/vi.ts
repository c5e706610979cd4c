import type { ExceptionsMessages } from './en';

const messages: ExceptionsMessages = {
  exceptions: {
    supervisorOnly: 'Chỉ giám sát đã đăng nhập mới xử lý được hàng hoàn ngoài dự kiến.',
    status: { open: 'Đang cách ly', resolved: 'Đã xử lý' },
    done: 'Đã xử lý; đã báo trung tâm.',
    raised: 'Người báo',
    bin: 'Ô cách ly',
    note: 'Ghi chú của nhân viên',
    resolution: 'Cách xử lý',
    photos_one: '({{count}} ảnh)',
    photos_other: '({{count}} ảnh)',
    open: 'chưa xử lý',
    kind: { matched: 'Đã khớp với', disposed: 'Đã xử lý bỏ' },
    disposal: { return_to_sender: 'Trả lại người gửi', scrap: 'Tiêu hủy', donate: 'Quyên góp' },
    how: { match: 'Đã tìm thấy đơn hoàn', dispose: 'Không ai nhận' },
    returnOrder: 'Mã đơn hoàn',
    disposalLabel: 'Bưu kiện sẽ được',
    noteRequired: 'Ghi chú (bắt buộc, ít nhất 3 ký tự)',
    noteOptional: 'Ghi chú (không bắt buộc)',
    resolve: 'Xử lý',
    empty: { open: 'Không có gì đang cách ly.', resolved: 'Chưa có mục nào được xử lý.' },
  },
};

export default messages;
