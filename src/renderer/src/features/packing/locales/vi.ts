import type { PackingMessages } from './en';

const messages: PackingMessages = {
  eventType: {
    package_ship: 'Báo giao hàng lên sàn',
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
  },
};

export default messages;
