/** Vietnamese texts of the supervisor's imports (ERP orders, SKU item classes). */
import type { ImportsMessages } from './en';

const messages: ImportsMessages = {
  imports: {
    orders: {
      title: 'Đơn hàng từ ERP của người bán (CSV)',
      what: 'Đơn hàng vào hàng chờ đóng gói. Cả tệp được kiểm tra trước: chỉ một dòng sai là không nhập gì, trừ khi chọn chỉ nhập các đơn đúng.',
      seller: 'Người bán',
      partial: 'Nhập các đơn đúng và liệt kê các đơn sai',
    },
    skuClasses: {
      title: 'Loại hàng theo SKU (CSV: sku, item_class, serial_required)',
      what: 'Pin, chất lỏng hoặc bình xịt cho các SKU mà đơn của sàn không ghi loại (TikTok Shop), để chọn hãng vận chuyển nhận được. Cần số sê-ri: yes thì người đóng gói quét sê-ri từng chiếc.',
    },
    file: 'Tệp CSV',
    done: {
      orders: '{{file}}: {{created}} mới, {{updated}} cập nhật, {{unchanged}} không đổi.',
      skuClasses: '{{file}}: đã ghi {{skus}} SKU.',
    },
    refused: {
      orders_one: '{{file}}: chưa nhập — cần sửa {{count}} lỗi trước.',
      orders_other: '{{file}}: chưa nhập — cần sửa {{count}} lỗi trước.',
      skuClasses_one: '{{file}}: chưa nhập — cần sửa {{count}} lỗi trước.',
      skuClasses_other: '{{file}}: chưa nhập — cần sửa {{count}} lỗi trước.',
    },
    col: {
      line: 'Dòng',
      column: 'Cột',
      problem: 'Lỗi',
    },
    problem: {
      not_utf8: 'Tệp không phải văn bản UTF-8. Lưu dạng “CSV UTF-8”.',
      csv_syntax: 'Không đọc được CSV này (dấu ngoặc kép chưa đóng?).',
      empty: 'Tệp trống.',
      missing_column: 'Thiếu một cột bắt buộc.',
      unknown_column: 'Cột mà lần nhập này không biết.',
      duplicate_column: 'Một cột xuất hiện hai lần.',
      field_count: 'Dòng này có số ô khác với tiêu đề.',
      invalid_value: 'Không dùng được giá trị này.',
      order_mismatch: 'Các dòng của cùng một đơn không khớp (địa chỉ, hạn…).',
      duplicate_line: 'Cùng một dòng hàng xuất hiện hai lần.',
      duplicate_sku: 'Cùng một SKU xuất hiện hai lần.',
      other: 'Không nhập được dòng này.',
    },
  },
  supervisor: {
    tabs: {
      imports: 'Nhập',
    },
  },
  stepUp: {
    purpose: {
      packImportOrders: 'Nhập đơn hàng của người bán.',
      packSkuClassesImport: 'Nhập loại hàng theo SKU.',
    },
  },
  errorDetails: {
    VALIDATION_FAILED: {
      seller_required: 'Hãy nhập người bán trước.',
    },
  },
};

export default messages;
