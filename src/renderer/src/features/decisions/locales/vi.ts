import type { DecisionsMessages } from './en';

const messages: DecisionsMessages = {
  decisions: {
    supervisorOnly: 'Chỉ giám sát đã đăng nhập mới xem được mọi quyết định.',
    query: 'Tìm: mã sản phẩm, mã đơn hoàn, mã đơn hàng, SKU hoặc sê-ri (Enter)',
    disposition: 'Xử lý',
    status: 'Trạng thái',
    all: 'Tất cả',
    active: 'Đang hiệu lực',
    undone: 'đã hoàn tác',
    when: 'Thời gian',
    unit: 'Sản phẩm',
    item: 'Mặt hàng',
    clerk: 'Người quyết',
    suggested: 'quy tắc: {{disposition}}',
    empty: 'Không có quyết định phù hợp.',
    more: 'Quyết định cũ hơn',
    photos_one: '{{count}} ảnh',
    photos_other: '{{count}} ảnh',
    history: 'Mọi quyết định của sản phẩm này',
    approval: 'Phê duyệt tiêu hủy',
    batch: 'lô {{status}}',
    events: 'Sự kiện gửi nền tảng và trung tâm',
    audit: 'Nhật ký kiểm toán',
  },
};

export default messages;
