import type { Locale } from '../locale';
import type { BaseMessages } from './en';

const messages: BaseMessages = {
  app: {
    title: 'LastMile Desk',
    station: 'Trạm',
    operator: 'Người thao tác',
    signIn: 'Đăng nhập',
    signOut: 'Đăng xuất',
    changePin: 'Đổi PIN',
    stationDefault: 'chưa đăng nhập: người dùng mặc định của trạm',
    signedIn: 'đã đăng nhập',
    idleSignOut: 'đã đăng nhập; tự đăng xuất sau {{minutes}} phút không hoạt động',
    loading: 'Đang tải…',
    screens: 'Màn hình',
    cancel: 'Hủy',
    refresh: 'Làm mới',
    never: 'chưa bao giờ',
    none: '—',
    keyMissing: 'Màn hình này chưa kết nối với trạm',
    keyMissingWhy:
      'Khóa của trạm đã được đổi, hoặc trình duyệt này chưa từng có khóa. Trên máy tính của trạm, hãy chạy:',
    keyMissingAsk:
      'DIR là thư mục dữ liệu của trạm. Sau đó mở đường dẫn được in ra trong trình duyệt này — hoặc xin giám sát đường dẫn của trạm.',
  },
  nav: {
    receive: 'Kiểm hàng hoàn',
    scan: 'Quét',
    queue: 'Hàng đợi',
    sync: 'Đồng bộ',
    settings: 'Cài đặt',
    printers: 'Máy in',
    supervisor: 'Phê duyệt',
    packing: 'Đóng gói',
  },
  roles: {
    clerk: 'Nhân viên',
    packer: 'Nhân viên đóng gói',
    supervisor: 'Giám sát',
    admin: 'Quản trị viên',
  },
  scanSource: {
    scanner: 'máy quét',
    keyboard: 'bàn phím',
  },
  outcome: {
    parcel: 'Bưu kiện',
    return_order: 'Hàng hoàn',
    unknown: 'Không rõ',
  },
  direction: {
    outbound: 'Chiều đi',
    return: 'Chiều hoàn',
  },
  parcelStatus: {
    created: 'Đã tạo',
    in_transit: 'Đang vận chuyển',
    out_for_delivery: 'Đang giao',
    delivered: 'Đã giao',
    delivery_failed: 'Giao thất bại',
    returning: 'Đang hoàn',
    received: 'Đã nhận',
    exception: 'Sự cố',
    cancelled: 'Đã hủy',
  },
  returnStatus: {
    expected: 'Chờ nhận',
    received: 'Đã nhận',
    inspecting: 'Đang kiểm',
    completed: 'Hoàn tất',
    cancelled: 'Đã hủy',
  },
  returnReason: {
    buyer_remorse: 'Đổi ý',
    defective: 'Lỗi',
    damaged_in_transit: 'Hỏng khi vận chuyển',
    wrong_item: 'Gửi sai hàng',
    missing_parts: 'Thiếu phụ kiện',
    refused_at_delivery: 'Từ chối nhận',
  },
  eventType: {
    scan_recorded: 'Đã ghi lượt quét',
    scan_unknown: 'Quét mã không rõ',
    return_received: 'Đã nhận hàng hoàn',
    return_receipt_decided: 'Quyết định nhận hàng',
    inventory_adjusted: 'Điều chỉnh tồn kho',
    qc_exception_raised: 'Hàng hoàn ngoài dự kiến',
    qc_destruction_certified: 'Đã chứng nhận tiêu hủy',
    qc_exception_resolved: 'Đã xử lý ngoại lệ',
  },
  outboxStatus: {
    pending: 'Đang chờ',
    in_flight: 'Đang gửi',
    delivered: 'Đã gửi',
    dead: 'Thất bại',
    discarded: 'Đã bỏ',
  },
  circuit: {
    closed: 'Bình thường',
    open: 'Tạm dừng: lỗi',
    half_open: 'Đang thử lại',
  },
  errors: {
    VALIDATION_FAILED: 'Yêu cầu "{{call}}" bị từ chối: trường "{{field}}" không hợp lệ ({{issue}}).',
    UNKNOWN_CALL: 'Trạm này không biết yêu cầu "{{name}}". Hãy cập nhật ứng dụng.',
    UNAUTHORIZED:
      'Trang này không có khóa hiện tại của trạm. Trên máy tính của trạm, hãy chạy “lastmile station --print-url --data <thư mục dữ liệu của trạm>” và mở đường dẫn được in ra tại đây.',
    FORBIDDEN:
      'Chỉ giám sát mới được làm việc này. Hãy đăng nhập bằng tài khoản giám sát, hoặc nhờ giám sát phê duyệt.',
    NOT_FOUND: 'Không tìm thấy: {{id}}.',
    BAD_PIN: 'Sai PIN. Còn {{attemptsLeft}} lần thử trước khi tạm dừng đăng nhập.',
    SIGN_IN_LOCKED: 'Nhập sai PIN quá nhiều lần. Đăng nhập tạm dừng: thử lại sau {{retryAfterSeconds}} giây.',
    PIN_CHANGE_REQUIRED: '{{name}} phải đặt PIN mới trước (đăng nhập một lần để đặt).',
    PIN_TOO_WEAK: 'PIN này quá dễ đoán. Hãy chọn PIN khác.',
    NOT_SIGNED_IN: 'Chưa có ai đăng nhập trên màn hình này.',
    SESSION_EXPIRED:
      '{{name}} đã bị đăng xuất sau {{idleMinutes}} phút không hoạt động. Hãy đăng nhập lại, hoặc nhờ giám sát phê duyệt.',
    BADGE_INVALID: 'Không đọc được thẻ nhân viên. Hãy quét lại.',
    BADGE_UNKNOWN: 'Thẻ này không thuộc về ai ở trạm này. Nhờ giám sát đăng ký thẻ.',
    BADGE_TAKEN: 'Thẻ này đã thuộc về người khác.',
    SCAN_IS_BADGE: 'Đó là thẻ nhân viên, không phải bưu kiện. Không có gì được ghi lại.',
    SCAN_EMPTY: 'Chưa quét được gì. Hãy quét lại nhãn.',
    SCAN_TOO_LONG:
      'Đây không phải nhãn: nhận được {{length}} ký tự, mã dài tối đa {{max}}. Hãy quét lại nhãn.',
    SCAN_BAD_CHARACTERS:
      'Lượt quét có ký tự điều khiển (mã {{charCode}}) ở vị trí {{position}}. Kiểm tra cài đặt tiền tố/hậu tố của máy quét rồi quét lại.',
    SCAN_NOT_ASCII:
      '"{{character}}" không thuộc nhãn nào. Hãy chuyển bộ gõ bàn phím sang English/ABC rồi quét lại.',
    DB_LOCKED: 'Cơ sở dữ liệu của trạm đang bận (chương trình khác đang dùng). Đợi một chút rồi thử lại.',
    DB_CORRUPT: 'Cơ sở dữ liệu của trạm bị hỏng. Gọi giám sát; không xóa tệp nào.',
    DB_READONLY: 'Không ghi được cơ sở dữ liệu của trạm (chỉ đọc). Gọi giám sát.',
    DISK_FULL: 'Ổ đĩa của máy này đã đầy. Chưa ghi được gì. Gọi giám sát.',
    DATA_DIR_UNUSABLE: 'Không dùng được thư mục dữ liệu {{path}}. Gọi giám sát.',
    DB_NEWER_THAN_APP:
      'Cơ sở dữ liệu do phiên bản mới hơn ghi (phiên bản {{fileVersion}}, ứng dụng này biết {{appVersion}}). Hãy cập nhật ứng dụng.',
    SYNC_ALREADY_RUNNING: 'Đang đồng bộ. Theo dõi tiến độ tại đây.',
    SYNC_NOT_RUNNING: 'Không có đồng bộ nào đang chạy.',
    OUTBOX_EVENT_NOT_DEAD: 'Sự kiện này không còn lỗi (hiện tại: {{status}}). Danh sách đã được làm mới.',
    TRANSPORT_FAILED: 'Trạm không trả lời ({{call}}). Kiểm tra trạm còn chạy.',
    PRINT_TEMPLATE_UNKNOWN: 'Không có mẫu nhãn "{{template}}".',
    PRINT_DATA_INVALID: 'Không in được nhãn "{{template}}": trường "{{field}}" không hợp lệ ({{issue}}).',
    PRINT_TEXT_TOO_LONG:
      'Văn bản của "{{field}}" dài hơn chỗ trên nhãn "{{template}}" (tối đa {{maxLines}} dòng ở cỡ nhỏ nhất).',
    PRINT_TEXT_UNSUPPORTED_CHARACTER:
      'Nhãn "{{template}}" không in được "{{character}}" ({{codePoint}}) trong "{{field}}": trạm không có phông chữ này.',
    PRINT_BARCODE_NOT_ENCODABLE:
      'Giá trị của "{{field}}" không đưa được vào mã vạch {{symbology}} ({{reason}}).',
    PRINT_BARCODE_TOO_LARGE: 'Mã vạch {{symbology}} của "{{field}}" không vừa nhãn "{{template}}".',
    PRINT_FORMAT_UNSUPPORTED: 'Không tạo được nhãn dạng "{{format}}".',
    PRINT_JOB_NOT_FOUND: 'Không có lệnh in {{jobId}}.',
    PRINTER_UNKNOWN: 'Trạm này không có máy in "{{printerId}}".',
    PRINTER_PROFILE_INVALID: 'Cài đặt máy in không hợp lệ: "{{field}}" ({{issue}}).',
    PRINTER_TEMPLATE_NOT_ALLOWED: 'Máy in "{{printerId}}" chưa được cài để in nhãn "{{template}}".',
    PRINTER_UNREACHABLE:
      'Không kết nối được máy in tại {{printer}} ({{reason}}). Kiểm tra cáp và nguồn; nhãn sẽ chờ và in khi máy in trở lại.',
    PRINTER_CONNECTION_LOST:
      'Máy in tại {{printer}} ngắt kết nối sau {{sent}}/{{total}} byte. Nhãn sẽ được gửi lại.',
    PRINTER_TIMEOUT: 'Máy in tại {{printer}} không phản hồi. Nhãn sẽ được gửi lại.',
    PRINTER_NOT_READY: 'Máy in tại {{printer}} chưa sẵn sàng ({{reason}}).',
    PRINTER_INTERFACE_UNSUPPORTED: 'Trạm này không giao tiếp được với máy in qua "{{interface}}".',
    QC_STEP_MISMATCH: 'Bước này không làm vậy được. Hãy làm theo “Tiếp theo”.',
    QC_NO_OPEN_PARCEL: 'Không có bưu kiện trên bàn. Hãy quét bưu kiện trước.',
    QC_FINISH_CURRENT_ITEM: 'Hãy xong món hàng trên bàn trước (xem “Tiếp theo”).',
    QC_BIN_NOT_FOUND: 'Ô kệ {{code}} không tồn tại. Hãy quét nhãn của ô kệ thật.',
    QC_BIN_WRONG_KIND: 'Ô kệ {{code}} là loại {{kind}}, không phải {{expected}}. Hãy quét ô khác.',
    QC_PHOTO_REQUIRED: 'Bước này bắt buộc chụp ảnh. Nhấn Enter để chụp hoặc chọn tệp ảnh.',
    QC_NOTHING_TO_UNDO: 'Không có gì để hoàn tác.',
    QC_UNDO_EXPIRED: 'Quá muộn để hoàn tác: chỉ được trong {{minutes}} phút. Gọi giám sát.',
    QC_UNDO_TOO_LATE: 'Quá muộn để hoàn tác: dữ liệu đã rời trạm. Gọi giám sát.',
    QC_ITEMS_UNDECIDED: 'Còn món hàng trên bàn chưa có quyết định. Hãy xong trước.',
    QC_RETURN_CLOSED: 'Đơn hoàn này đã được nhận trong bưu kiện khác.',
    QC_APPROVAL_NOT_PENDING:
      'Yêu cầu phê duyệt này không còn chờ (hiện tại: {{status}}). Danh sách đã được làm mới.',
    QC_REJECT_REASON_REQUIRED: 'Chọn lý do từ chối tiêu hủy (nếu chọn “Khác”, hãy ghi chú).',
    QC_REJECT_NEEDS_DISPOSITION: 'Chọn cách xử lý thay thế; nhập kho lại cần ô kệ.',
    QC_BATCH_NOT_OPEN: 'Lô này không còn mở (hiện: {{status}}).',
    QC_BATCH_EMPTY: 'Lô này chưa có sản phẩm: hãy duyệt một lệnh tiêu hủy trước.',
    QC_CERTIFICATE_FILE_MISSING:
      'Tệp của chứng nhận {{certificateId}} không có trong thư mục dữ liệu. Hãy khôi phục thư mục từ bản sao lưu.',
    QC_EXCEPTION_RESOLVED: 'Ngoại lệ này đã được xử lý. Danh sách đã được làm mới.',
    QC_RULES_CHANGED:
      'Có người đã lưu quy tắc phiên bản {{current}} trong lúc bạn sửa phiên bản {{basedOn}}. Hãy tải lại và sửa lại.',
    PHOTO_NOT_IMAGE: 'Tệp này không phải ảnh (JPEG, PNG hoặc WebP). Hãy chọn ảnh.',
    PHOTO_TOO_LARGE: 'Ảnh quá lớn ({{bytes}} byte; tối đa {{max}}). Chụp lại hoặc chọn tệp nhỏ hơn.',
    PHOTO_NOT_FOUND: 'Ảnh này không còn trên trạm. Hãy chụp lại.',
    CAMERA_UNAVAILABLE: 'Không dùng được camera ({{reason}}). Hãy chọn tệp ảnh.',
    PRINTER_NOT_CONFIGURED:
      'Trạm này không có máy in nào in nhãn "{{template}}". Giám sát viên thêm máy in trong mục Máy in.',
    PRINTING_NOT_READY: 'Chức năng in đang khởi động. Thử lại sau giây lát; không mất gì cả.',
    CORE_RESTARTING:
      'Trạm đang khởi động lại. Những gì bạn đã xác nhận không bị mất; nếu vừa quét, hãy quét lại kiện hàng.',
    ROUTE_LINE_UNKNOWN:
      '"{{line}}" không phải tài khoản hãng vận chuyển của trạm này. Hãy chọn một trong: {{lines}}.',
    ROUTE_LINES_SAME: 'Tuyến dự phòng phải là hãng khác với tuyến chính ({{line}}).',
    CARRIER_ACCOUNT_UNKNOWN:
      'Cấu hình đồng bộ của trạm này không có tài khoản hãng vận chuyển "{{account}}".',
    CREDENTIAL_FIELD_UNKNOWN:
      '"{{field}}" không phải là khóa bí mật của tài khoản {{account}}. Tài khoản này có: {{fields}}.',
    SECRET_STORE_WEAK:
      'Máy này không có kho bí mật được bảo vệ ({{backend}}). Chưa lưu gì. Đánh dấu "Vẫn lưu" để xác nhận, hoặc cài keyring trước.',
    SECRET_STORE_UNAVAILABLE:
      'Không dùng được kho bí mật của máy này. Không lưu hay đọc gì cả; gọi quản trị viên.',
    SECRET_UNREADABLE:
      'Không đọc được khóa bí mật đã lưu trên máy này (đã lưu trên máy khác hoặc khóa đã đổi). Hãy nhập lại.',
    INTERNAL: 'Ứng dụng gặp lỗi bên trong. Chi tiết có trong nhật ký; gọi giám sát.',
  },
  errorDetails: {
    VALIDATION_FAILED: {
      scale_address:
        'Trạm không mở được địa chỉ cân này. Hãy viết tcp://máy:cổng (ví dụ tcp://127.0.0.1:4001) hoặc đường dẫn thiết bị như /dev/ttyUSB0.',
      scale_address_missing: 'Đã chọn cân nhưng chưa có địa chỉ. Hãy nhập địa chỉ, hoặc chọn "Không có cân".',
      station_name_characters:
        'Tên trạm có ký tự ẩn hoặc bị hỏng (ký tự điều khiển hoặc nửa biểu tượng cảm xúc). Hãy nhập lại.',
      user_or_badge: 'Hãy chọn bạn là ai, hoặc quét thẻ nhân viên của bạn.',
    },
    PIN_TOO_WEAK: {
      length: 'PIN gồm 4 đến 12 chữ số.',
      digits: 'PIN chỉ gồm chữ số.',
      repeated: 'Một chữ số lặp lại (như 0000) quá dễ đoán. Hãy chọn PIN khác.',
      sequence: 'Dãy số liên tiếp (như 1234 hoặc 9876) quá dễ đoán. Hãy chọn PIN khác.',
      same_as_old: 'PIN mới phải khác PIN cũ.',
    },
    BADGE_INVALID: {
      format: 'Đây không phải thẻ nhân viên. Hãy quét lại thẻ.',
      check_character: 'Thẻ bị đọc sai (ký tự kiểm tra không khớp). Hãy quét lại.',
    },
    BAD_PIN: {
      locked: 'Sai PIN. Đăng nhập tạm dừng: thử lại sau {{retryAfterSeconds}} giây.',
    },
    SIGN_IN_LOCKED: {
      station:
        'Trạm này có quá nhiều lần nhập sai PIN. Đăng nhập tạm dừng: thử lại sau {{retryAfterSeconds}} giây.',
    },
    FORBIDDEN: {
      admin: 'Chỉ quản trị viên mới được làm việc này.',
      another_user: 'Không thể làm việc này với tài khoản của chính bạn. Đổi PIN của bạn bằng “Đổi PIN”.',
      authorizer: 'Người này không phải giám sát: không thể phê duyệt việc này.',
      setting:
        'Chỉ giám sát mới được đổi cài đặt này. Hãy đăng nhập bằng tài khoản giám sát, hoặc nhờ giám sát phê duyệt.',
    },
  },
};

const locale: Locale<BaseMessages> = { code: 'vi', nativeName: 'Tiếng Việt', messages };
export default locale;
