import type { CarrierAccountsMessages } from './en';

const messages: CarrierAccountsMessages = {
  carrierAccounts: {
    title: 'Tài khoản hãng vận chuyển',
    intro:
      'Khóa bí mật của các tài khoản hãng vận chuyển và nền tảng mà trạm này đồng bộ. Chúng được mã hóa trên máy này và không bao giờ hiển thị lại: bạn chỉ thấy đã đặt hay chưa và, với khóa dài, bốn ký tự cuối.',
    adminOnly: 'Đăng nhập với vai trò quản trị viên để xem và thay đổi tài khoản hãng vận chuyển.',
    none: 'Trạm này chưa cấu hình tài khoản hãng vận chuyển hay nền tảng nào.',
    storage: 'Khóa bí mật được bảo vệ bởi: {{backend}}',
    storageUnavailable: 'Không có kho bí mật nào trả lời trên máy này: không thể lưu hay đọc khóa bí mật.',
    weakWarning:
      'Cảnh báo: máy này không có keyring ({{backend}}). Khóa bí mật sẽ được mã hóa bằng một khóa có sẵn trong ứng dụng, ai sao chép thư mục dữ liệu cũng giải được. Nếu được, hãy cài keyring (GNOME Keyring hoặc KWallet).',
    confirmWeak: 'Vẫn lưu: tôi đã đọc cảnh báo',
    set: 'đã đặt',
    setEnding: 'đã đặt, kết thúc bằng …{{lastFour}}',
    notSet: 'chưa đặt',
    changed: '{{by}} đã đổi lúc {{when}}',
    unknownKind: 'Phiên bản này không có bộ kết nối cho tài khoản này; chỉ có thể xóa khóa bí mật đã lưu.',
    save: 'Lưu',
    test: 'Kiểm tra kết nối',
    testing: 'Đang kiểm tra…',
    clear: 'Xóa',
    confirmClear:
      'Xóa mọi khóa bí mật của {{account}}? Đồng bộ với tài khoản này sẽ dừng cho tới khi nhập khóa mới.',
    yesClear: 'Có, xóa',
    keep: 'Giữ lại',
    saved: 'Đã lưu.',
    cleared: 'Đã xóa.',
    nothingTyped: 'Hãy nhập giá trị mới trước.',
    renewed:
      '{{carrier}} đã làm mới {{fields}} trong lúc kiểm tra: giá trị đã nhập không còn dùng được. Bấm Lưu để giữ giá trị mới (trạm này giữ nó đến lúc đó, không bao giờ hiển thị).',
    backend: {
      'key-file': 'một tệp khóa trong thư mục dữ liệu, chỉ người dùng này đọc được',
      dpapi: 'Windows (DPAPI)',
      keychain: 'Keychain của macOS',
      gnome_libsecret: 'GNOME Keyring',
      kwallet: 'KWallet',
      kwallet5: 'KWallet 5',
      kwallet6: 'KWallet 6',
    },
    field: {
      clientSecret: 'Client secret',
      apiKey: 'Khóa API',
      webhookSecret: 'Khóa webhook',
      privateKey: 'Khóa riêng',
      password: 'Mật khẩu',
      appSecret: 'App secret',
      accessToken: 'Access token',
      refreshToken: 'Refresh token',
    },
    result: {
      ok: 'Kết nối được: {{carrier}} đã chấp nhận thông tin đăng nhập.',
      auth: '{{carrier}} từ chối thông tin đăng nhập. Kiểm tra rồi nhập lại.',
      timeout: '{{carrier}} không trả lời trong {{seconds}} giây. Kiểm tra mạng rồi thử lại.',
      network: 'Không kết nối được {{carrier}}. Kiểm tra mạng và địa chỉ trong cấu hình đồng bộ.',
      throttled: '{{carrier}} đang giới hạn yêu cầu từ tài khoản này. Thử lại sau một phút.',
      server: '{{carrier}} đang gặp sự cố. Thử lại sau.',
      config: '{{carrier}} có trả lời, nhưng tài khoản không được thiết lập như cấu hình ({{field}}).',
      cancelled: 'Việc kiểm tra đã dừng trước khi {{carrier}} trả lời.',
      missing_secret: 'Chưa lưu {{field}}. Hãy nhập trước rồi kiểm tra lại.',
      other: 'Kiểm tra thất bại: {{detail}}',
    },
  },
};

export default messages;
