import type { SupervisorMessages } from './en';

const messages: SupervisorMessages = {
  supervisor: {
    title: 'Giám sát',
    asYourself: 'Đã đăng nhập là {{name}}: bạn thao tác với tư cách của mình.',
    atClerkScreen: 'Tại màn hình của nhân viên: mỗi thao tác cần mã PIN của giám sát.',
    tabs: {
      approvals: 'Phê duyệt',
      batches: 'Lô tiêu hủy',
      rules: 'Quy tắc xử lý',
      shift: 'Ca QC',
      decisions: 'Quyết định',
      exceptions: 'Ngoại lệ',
    },
    stepUp: {
      title: 'Giám sát phê duyệt tại màn hình này',
      who: 'Giám sát',
      pin: 'PIN',
      missing: 'Chọn giám sát và nhập mã PIN, rồi thao tác lại.',
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
