import type { ScanMessages } from './en';

const messages: ScanMessages = {
  scan: {
    ready: 'Sẵn sàng: quét nhãn (không cần bấm), hoặc nhập mã rồi nhấn Enter.',
    inputLabel: 'Mã',
    record: 'Ghi',
    recording: 'Đang ghi…',
    foundReturn: 'Đã tìm thấy hàng hoàn',
    foundParcel: 'Đã tìm thấy bưu kiện',
    unknownTitle: 'Mã không rõ',
    unknownHint:
      'Không phải bưu kiện hay đơn hoàn của trạm này. Để riêng cho giám sát; lượt quét đã được lưu.',
    errorTitle: 'Chưa ghi',
    busyTitle: 'Trạm đang bận — đang thử lại',
    busyHint:
      'Một chương trình khác đang dùng cơ sở dữ liệu của trạm. Lần quét này sẽ tự gửi lại (lần {{attempt}} / {{attempts}}); giữ kiện hàng trong tay đến khi màn hình chuyển xanh hoặc vàng.',
    imeTitle: 'Bàn phím đang ở ngôn ngữ khác',
    imeHint:
      'Máy quét đang gõ qua bộ gõ tiếng Trung/Thái/Việt. Hãy chuyển sang English/ABC (Win+Space hoặc Ctrl+Space) rồi quét lại.',
    rawCode: 'Nhận được: {{preview}} ({{length}} ký tự)',
    orderId: 'Đơn hàng',
    returnTracking: 'Mã vận đơn hoàn',
    reason: 'Lý do',
    items: 'Sản phẩm',
    status: 'Trạng thái',
    carrier: 'Hãng vận chuyển',
    country: 'Quốc gia',
    direction: 'Chiều',
    quantity: '× {{quantity}}',
    via: 'qua {{source}}',
    recent: 'Lượt quét gần đây',
    recentEmpty: 'Chưa có lượt quét.',
  },
};

export default messages;
