import type { BatchesMessages } from './en';

const messages: BatchesMessages = {
  batches: {
    notice: {
      closed: 'Đã đóng lô và cấp chứng nhận.',
      label_queued: 'Nhãn lồng đang được gửi tới máy in.',
      downloaded: 'Đã tải chứng nhận.',
    },
    openBatch: 'Lô đang mở',
    status: { open: 'Đang mở', closed: 'Đã đóng', certified: 'Đã chứng nhận' },
    units_one: '{{count}} sản phẩm',
    units_other: '{{count}} sản phẩm',
    photos_one: '{{count}} ảnh',
    photos_other: '{{count}} ảnh',
    none: 'Chưa có lô tiêu hủy: duyệt một lệnh tiêu hủy sẽ mở lô.',
    verifyTitle: 'Kiểm tra chứng nhận',
    verifyIntro:
      'Chọn tệp PDF chứng nhận (qua e-mail, đã tải, từ công ty xử lý): trạm này đối chiếu với chứng nhận đã cấp.',
    verifyChoose: 'Chọn PDF…',
    opened: 'Mở lúc',
    closed: 'Đóng và duyệt',
    totals: 'Tổng',
    note: 'Ghi chú',
    label: 'Nhãn lồng',
    certificate: 'Chứng nhận {{id}}',
    sha256: 'SHA-256 của chứng nhận:',
    fileSha256: 'SHA-256 của tệp:',
    download: 'Tải chứng nhận (PDF)',
    printLabel: 'In nhãn lồng',
    closeNote: 'Ghi chú trên chứng nhận (người nhận lồng, số niêm phong…)',
    close_one: 'Đóng lô ({{count}} sản phẩm) và cấp chứng nhận',
    close_other: 'Đóng lô ({{count}} sản phẩm) và cấp chứng nhận',
    unit: 'Sản phẩm',
    item: 'Mặt hàng',
    why: 'Lý do tiêu hủy',
    approvedBy: 'Người duyệt',
    outcome: {
      valid: 'hợp lệ — đúng tệp trạm này đã cấp, hồ sơ và lô không đổi',
      not_pdf: 'KHÔNG hợp lệ — đây không phải PDF',
      unknown: 'KHÔNG hợp lệ — trạm này chưa từng cấp tệp này',
      file_altered: 'KHÔNG hợp lệ — tệp đã bị sửa sau khi cấp',
      record_altered: 'KHÔNG hợp lệ — hồ sơ của trạm không còn khớp mã băm của chứng nhận',
      batch_changed: 'KHÔNG hợp lệ — lô đã chứng nhận bị thay đổi sau đó',
    },
    thisFile: 'SHA-256 của tệp này:',
  },
};

export default messages;
