import type { RulesMessages } from './en';

const messages: RulesMessages = {
  rules: {
    supervisorOnly: 'Chỉ giám sát đã đăng nhập mới sửa được bảng quy tắc. Đăng nhập ở góc trên bên phải.',
    version: 'Bảng quy tắc phiên bản {{version}}',
    unsaved: 'đã sửa, chưa lưu',
    keys: { select: 'chọn quy tắc', move: 'di chuyển', add: 'thêm', remove: 'xóa', save: 'lưu' },
    saved_one: 'Đã lưu thành phiên bản {{version}}; có {{count}} cảnh báo cần đọc.',
    saved_other: 'Đã lưu thành phiên bản {{version}}; có {{count}} cảnh báo cần đọc.',
    rule: 'Quy tắc',
    when: 'Khi',
    then: 'Thì',
    hasWarning: 'Quy tắc này có cảnh báo',
    saveNote: 'Lý do thay đổi (lưu cùng phiên bản)',
    save: 'Lưu thành phiên bản mới',
    warningsTitle: 'Bảng này làm gì ({{count}} cảnh báo)',
    noWarnings:
      'Không có cảnh báo: mọi quy tắc đều quyết một số sản phẩm, không quy tắc nào bị quy tắc khác lấy mất.',
    history: 'Các phiên bản đã lưu',
    builtIn: 'mặc định',
    count_one: '{{count}} quy tắc',
    count_other: '{{count}} quy tắc',
    anything: 'mọi trường hợp',
    field: { grades: 'Loại', categories: 'Danh mục', reasons: 'Lý do hoàn', matches: 'Đúng như đơn hàng?' },
    category: {
      electronics: 'Điện tử',
      apparel: 'Quần áo',
      footwear: 'Giày dép',
      cosmetics: 'Mỹ phẩm',
      home: 'Đồ gia dụng',
      general: 'Khác',
    },
    warning: {
      unreachable: 'Quy tắc {{rule}} không bao giờ được dùng: {{by}} đã lấy hết sản phẩm của nó trước.',
      overlap: 'Quy tắc {{by}} đứng trước và quyết {{count}} loại sản phẩm thành {{as}}, khác với {{rule}}.',
      gap: '{{count}} loại sản phẩm chỉ khớp quy tắc cuối cùng, nên sẽ thành {{disposition}}.',
      empty_value_range:
        'Quy tắc {{rule}} không bao giờ khớp với {{currency}}: “ít nhất” không nhỏ hơn “dưới”.',
    },
    id: 'Mã quy tắc (a-z, 0-9, - và _)',
    lastRule: 'Quy tắc cuối cùng quyết mọi sản phẩm không khớp quy tắc nào khác; nó không có điều kiện.',
    atLeast: 'Giá trị hàng ít nhất',
    below: 'Giá trị hàng dưới',
    moneyFormat: 'Ghi số tiền dạng “500 THB” hoặc “500 THB, 20 USD”.',
    note: 'Lý do của quy tắc',
  },
};

export default messages;
