/** Thai texts of the supervisor's imports (ERP orders, SKU item classes). */
import type { ImportsMessages } from './en';

const messages: ImportsMessages = {
  imports: {
    orders: {
      title: 'คำสั่งซื้อจาก ERP ของผู้ขาย (CSV)',
      what: 'คำสั่งซื้อเข้าคิวแพ็ก ระบบตรวจทั้งไฟล์ก่อน: มีแถวผิดแถวเดียวก็ไม่นำเข้าเลย เว้นแต่เลือกนำเข้าเฉพาะคำสั่งซื้อที่ถูกต้อง',
      seller: 'ผู้ขาย',
      partial: 'นำเข้าคำสั่งซื้อที่ถูกต้อง และแสดงรายการที่ผิด',
    },
    skuClasses: {
      title: 'ประเภทสินค้าตาม SKU (CSV: sku, item_class, serial_required)',
      what: 'แบตเตอรี่ ของเหลว หรือสเปรย์ สำหรับ SKU ที่คำสั่งซื้อของแพลตฟอร์มไม่ระบุประเภท (TikTok Shop) เพื่อให้เลือกขนส่งที่รับได้ ต้องใช้หมายเลขซีเรียล: yes ให้ผู้แพ็กสแกนซีเรียลทุกชิ้น',
    },
    file: 'ไฟล์ CSV',
    done: {
      orders: '{{file}}: ใหม่ {{created}} อัปเดต {{updated}} ไม่เปลี่ยน {{unchanged}}',
      skuClasses: '{{file}}: บันทึก {{skus}} SKU แล้ว',
    },
    refused: {
      orders_one: '{{file}}: ไม่ได้นำเข้า — ต้องแก้ {{count}} ปัญหาก่อน',
      orders_other: '{{file}}: ไม่ได้นำเข้า — ต้องแก้ {{count}} ปัญหาก่อน',
      skuClasses_one: '{{file}}: ไม่ได้นำเข้า — ต้องแก้ {{count}} ปัญหาก่อน',
      skuClasses_other: '{{file}}: ไม่ได้นำเข้า — ต้องแก้ {{count}} ปัญหาก่อน',
    },
    col: {
      line: 'แถว',
      column: 'คอลัมน์',
      problem: 'ปัญหา',
    },
    problem: {
      not_utf8: 'ไฟล์ไม่ใช่ข้อความ UTF-8 บันทึกเป็น “CSV UTF-8”',
      csv_syntax: 'อ่าน CSV นี้ไม่ได้ (เครื่องหมายคำพูดไม่ปิด?)',
      empty: 'ไฟล์ว่างเปล่า',
      missing_column: 'ขาดคอลัมน์ที่จำเป็น',
      unknown_column: 'คอลัมน์ที่การนำเข้านี้ไม่รู้จัก',
      duplicate_column: 'มีคอลัมน์ซ้ำ',
      field_count: 'แถวนี้มีจำนวนช่องไม่เท่าหัวตาราง',
      invalid_value: 'ใช้ค่านี้ไม่ได้',
      order_mismatch: 'แถวของคำสั่งซื้อเดียวกันไม่ตรงกัน (ที่อยู่ กำหนดส่ง…)',
      duplicate_line: 'รายการสินค้าเดียวกันซ้ำ',
      duplicate_sku: 'SKU เดียวกันซ้ำ',
      other: 'นำเข้าแถวนี้ไม่ได้',
    },
  },
  supervisor: {
    tabs: {
      imports: 'นำเข้า',
    },
  },
  stepUp: {
    purpose: {
      packImportOrders: 'นำเข้าคำสั่งซื้อของผู้ขาย',
      packSkuClassesImport: 'นำเข้าประเภทสินค้าตาม SKU',
    },
  },
  errorDetails: {
    VALIDATION_FAILED: {
      seller_required: 'พิมพ์ชื่อผู้ขายก่อน',
    },
  },
};

export default messages;
