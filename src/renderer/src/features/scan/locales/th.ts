import type { ScanMessages } from './en';

const messages: ScanMessages = {
  scan: {
    ready: 'พร้อม: สแกนฉลาก (ไม่ต้องคลิก) หรือพิมพ์รหัสแล้วกด Enter',
    inputLabel: 'รหัส',
    record: 'บันทึก',
    recording: 'กำลังบันทึก…',
    foundReturn: 'พบสินค้าคืน',
    foundParcel: 'พบพัสดุ',
    unknownTitle: 'รหัสที่ไม่รู้จัก',
    unknownHint: 'ไม่ใช่พัสดุหรือสินค้าคืนของสถานีนี้ วางไว้ให้หัวหน้างาน การสแกนถูกบันทึกแล้ว',
    errorTitle: 'ไม่ได้บันทึก',
    busyTitle: 'สถานีไม่ว่าง — กำลังลองใหม่',
    busyHint:
      'มีโปรแกรมอื่นใช้ฐานข้อมูลของสถานีอยู่ การสแกนนี้จะส่งใหม่เอง (ครั้งที่ {{attempt}} จาก {{attempts}}) ถือพัสดุไว้จนกว่าจะเป็นสีเขียวหรือสีเหลือง',
    imeTitle: 'คีย์บอร์ดเป็นภาษาอื่น',
    imeHint:
      'เครื่องสแกนกำลังพิมพ์ผ่านระบบป้อนข้อมูลภาษาจีน/ไทย/เวียดนาม เปลี่ยนเป็น English/ABC (Win+Space หรือ Ctrl+Space) แล้วสแกนใหม่',
    rawCode: 'ได้รับ: {{preview}} ({{length}} ตัวอักษร)',
    orderId: 'คำสั่งซื้อ',
    returnTracking: 'เลขพัสดุคืน',
    reason: 'เหตุผล',
    items: 'สินค้า',
    status: 'สถานะ',
    carrier: 'ขนส่ง',
    country: 'ประเทศ',
    direction: 'ทิศทาง',
    quantity: '× {{quantity}}',
    via: 'ผ่าน{{source}}',
    recent: 'การสแกนล่าสุด',
    recentEmpty: 'ยังไม่มีการสแกน',
  },
};

export default messages;
