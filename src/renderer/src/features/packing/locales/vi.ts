import type { PackingMessages } from './en';

const messages: PackingMessages = {
  eventType: {
    package_ship: 'Báo giao hàng lên sàn',
    package_handed_over: 'Đã giao kiện cho hãng vận chuyển',
  },
  errors: {
    BOX_PRESET_UNKNOWN: 'Trạm này không có thùng "{{code}}". Quét thùng khác hoặc nhập kích thước.',
    BOX_CODE_INVALID: 'Mã vạch thùng này đọc không đúng ({{scanned}}). Quét lại hoặc nhập mã thùng.',
    MANIFEST_NOT_FOUND: 'Không có bảng kê {{manifestId}}.',
    MANIFEST_CLOSED: 'Bảng kê này đã đóng; hãy mở bảng kê mới cho lần lấy hàng tiếp theo.',
    MANIFEST_WRONG_CARRIER:
      'Kiện {{trackingNumber}} là của {{actual}}, không phải {{expected}}. Để riêng cho đúng hãng.',
    MANIFEST_PARCEL_HANDED_OVER: 'Kiện {{trackingNumber}} đã được bàn giao (bảng kê {{manifestId}}).',
    MANIFEST_PARCEL_ON_OTHER:
      'Kiện {{trackingNumber}} đã có trong một bảng kê khác đang mở ({{manifestId}}).',
    MANIFEST_DRIVER_REQUIRED: 'Nhập tên tài xế để đóng bảng kê.',
    MANIFEST_EMPTY: 'Chưa quét kiện nào vào bảng kê này.',
    PACK_ORDER_NOT_FOUND:
      'Không có đơn cần đóng gói khớp với {{code}}. Quét lại mã đơn, mã kiện hoặc phiếu lấy hàng.',
    PACK_ORDER_CANCELLED: 'Đơn {{orderRef}} đã bị sàn hủy. Không gửi đi: để hàng về chỗ cũ.',
    PACK_ORDER_DONE: 'Đơn {{orderRef}} đã đóng gói xong. Quét đơn tiếp theo.',
    PACK_ORDER_AT_OTHER_BENCH: 'Đơn {{orderRef}} đang được đóng gói ở bàn khác.',
    PACK_SESSION_OPEN: 'Hãy hoàn tất hoặc để riêng đơn {{orderRef}} trước.',
    PACK_NO_SESSION: 'Chưa mở đơn nào. Quét một đơn để bắt đầu đóng gói.',
    PACK_WRONG_ITEM: 'SAI HÀNG: {{scanned}} không có trong đơn {{orderRef}}. Lấy nó ra khỏi bàn.',
    PACK_LINE_ALREADY_VERIFIED: 'Thừa: đã quét đủ {{quantity}} {{sku}}. Lấy món này ra.',
    PACK_SERIAL_DUPLICATE: 'Số sê-ri {{serial}} đã được quét trong đơn này.',
    PACK_LINES_NOT_VERIFIED: 'Còn {{remaining}} món cần quét.',
    PACK_WEIGHT_UNSTABLE: 'Cân chưa ổn định. Để kiện hàng yên rồi cân lại.',
    PACK_WEIGHT_ZERO: 'Cân báo 0. Đặt kiện hàng lên cân.',
    PACK_WEIGHT_OVER_RANGE: 'Kiện hàng nặng quá mức cân. Dùng cân sàn hoặc nhập cân nặng.',
    PACK_WEIGHT_UNREADABLE: '"{{text}}" không phải cân nặng. Nhập như 850 g hoặc 1.25 kg.',
    PACK_SCALE_UNAVAILABLE: 'Cân không phản hồi. Kiểm tra dây cáp hoặc nhập cân nặng.',
    PACK_NOT_WEIGHED: 'Hãy cân kiện hàng trước.',
    PACK_NO_ROUTE: 'Chưa có tuyến vận chuyển cho {{country}}. Nhờ quản lý thêm tuyến.',
    PACK_NO_SERVICE: 'Hãng {{carrier}} không có dịch vụ cho {{market}} tại trạm này.',
    PACK_CARRIER_NOT_LISTED: 'Sàn không chấp nhận {{carrier}} cho {{market}}. Chọn tuyến khác.',
    PACK_SERVICE_LIMIT: 'Kiện này quá nặng hoặc quá lớn cho {{service}}. Chọn tuyến khác hoặc đóng lại.',
    PACK_NO_BACKUP: 'Tuyến này không có tuyến dự phòng.',
    PACK_NOT_ROUTED: 'Hãy chọn tuyến vận chuyển trước.',
    PACK_LABEL_REFUSED: '{{carrier}} từ chối tem: {{reason}}. Để riêng kiện hàng và báo quản lý.',
    PACK_SPLIT_INVALID: 'Tách kiện phải chuyển ít nhất một món và giữ lại ít nhất một món.',
    PACK_SPLIT_NOT_ALLOWED: 'Đơn {{orderRef}} không thể tách kiện.',
    PACK_PARCEL_UNKNOWN: 'Kiện {{trackingNumber}} không phải kiện đã đóng gói của trạm này.',
  },
};

export default messages;
