import type { CutoffsMessages } from './en';

const messages: CutoffsMessages = {
  cutoffs: {
    keys: {
      move: 'chọn',
      confirm: 'xác nhận',
      edit: 'sửa giờ chốt',
      cancel: 'quay lại',
    },
    action: {
      next_pickup: 'lượt lấy sau',
      note: 'ghi chú',
      rebook: 'đặt lại hãng',
    },
    notice: {
      next_pickup: '{{orderRef}} chờ lượt lấy hàng sau.',
      note: 'Đã xác nhận {{orderRef}} với ghi chú của bạn.',
      rebook: '{{orderRef}}: đã hủy nhãn. Bàn đóng gói sẽ chọn lại tuyến khác.',
      saved: 'Đã lưu giờ chốt cho {{orderRef}}.',
      reset: 'Giờ chốt của {{orderRef}} đã về mặc định.',
    },
    none: 'Không có kiện nào lỡ giờ chốt.',
    col: {
      order: 'Đơn',
      carrier: 'Hãng',
      packedAt: 'Đóng gói lúc',
      cutoff: 'Giờ chốt đã lỡ',
      nextPickup: 'Lượt lấy sau',
      risk: 'Nguy cơ trễ',
      resolution: 'Xử lý',
      market: 'Thị trường',
      lastPickup: 'Lượt lấy cuối',
      days: 'Ngày lấy hàng',
      source: 'Nguồn',
    },
    noLabel: 'chưa có nhãn',
    open: 'Chưa xử lý',
    resolved: {
      next_pickup: 'Chờ lượt lấy sau',
      note: 'Đã xác nhận',
      rebook: 'Đã đặt lại hãng',
    },
    confirm: {
      next_pickup: '{{orderRef}} chờ lượt lấy hàng sau của {{carrier}}. Nhấn Enter để xác nhận.',
      note: 'Xác nhận {{orderRef}}: ghi lý do rồi nhấn Enter.',
      rebook:
        'Hủy nhãn {{carrier}} của {{orderRef}} và gửi lại để dán nhãn tuyến khác? Nhấn Enter để xác nhận.',
    },
    noteLabel: 'Ghi chú (bắt buộc)',
    confirmButton: 'Xác nhận',
    tableTitle: 'Giờ chốt theo hãng',
    anyCarrier: 'Mọi hãng',
    anyMarket: 'Mọi thị trường',
    workingWeek: 'Tuần làm việc:',
    source: {
      station: 'Do {{name}} đặt',
      official: 'Quy định của hãng',
      reference: 'Ghi chép tham khảo của chúng tôi',
      community: 'Nguồn cộng đồng',
      ours: 'Giả định của chúng tôi',
    },
    save: 'Lưu',
    reset: 'Về mặc định',
  },
  stepUp: {
    purpose: {
      packCutoffResolve: 'Xử lý một kiện đã lỡ giờ chốt.',
      packCutoffSet: 'Đổi giờ chốt của một hãng.',
    },
  },
  errorDetails: {
    VALIDATION_FAILED: {
      cutoff_time: 'Ghi lượt lấy cuối theo dạng HH:MM, ví dụ 17:00.',
    },
  },
};

export default messages;
