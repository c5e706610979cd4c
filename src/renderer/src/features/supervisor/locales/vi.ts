import type { SupervisorMessages } from './en';

const messages: SupervisorMessages = {
  supervisor: {
    title: 'Giám sát',
    asYourself: 'Đã đăng nhập là {{name}}: bạn thao tác với tư cách của mình.',
    atClerkScreen: 'Tại màn hình của nhân viên: mỗi thao tác cần giám sát quẹt thẻ hoặc nhập PIN.',
    tabs: {
      approvals: 'Phê duyệt',
      batches: 'Lô tiêu hủy',
      rules: 'Quy tắc xử lý',
      shift: 'Ca QC',
      decisions: 'Quyết định',
      exceptions: 'Ngoại lệ',
      cutoffs: 'Giờ chốt',
    },
  },
  stepUp: {
    purpose: {
      qcApproveDestroy: 'Duyệt tiêu hủy các sản phẩm hoàn này.',
      qcRejectDestroy: 'Từ chối tiêu hủy và xử lý sản phẩm theo cách khác.',
      qcCloseBatch: 'Đóng lô tiêu hủy và cấp chứng nhận.',
      qcResolveException: 'Xử lý bưu kiện ngoài dự kiến đang cách ly.',
    },
  },
  supervision: {
    rejectReason: {
      repairable: 'Có thể sửa',
      resellable: 'Vẫn bán được',
      evidence_insufficient: 'Chưa đủ bằng chứng',
      wrong_grade: 'Sai phân loại',
      seller_wants_it_back: 'Người bán muốn lấy lại',
      other: 'Khác (ghi chú)',
    },
  },
};

export default messages;
