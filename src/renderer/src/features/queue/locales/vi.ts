import type { QueueMessages } from './en';

const messages: QueueMessages = {
  queue: {
    title: 'Hàng đợi gửi đi',
    intro: 'Những gì trạm này còn phải báo cho hãng vận chuyển và sàn. Được giữ trên máy này đến khi gửi.',
    filter: 'Hiển thị',
    total: 'Sự kiện trong danh sách: {{count}}',
    created: 'Thời gian',
    event: 'Sự kiện',
    about: 'Về',
    destination: 'Nơi nhận',
    status: 'Trạng thái',
    attempts: 'Lần thử',
    empty: 'Danh sách trống.',
    previous: 'Trước',
    next: 'Sau',
    page: 'Trang {{page}}/{{pages}}',
  },
};

export default messages;
