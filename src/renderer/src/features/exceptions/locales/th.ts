import type { ExceptionsMessages } from './en';

const messages: ExceptionsMessages = {
  exceptions: {
    supervisorOnly: 'เฉพาะหัวหน้างานที่เข้าสู่ระบบเท่านั้นที่จัดการสินค้าคืนที่ไม่คาดคิดได้',
    status: { open: 'อยู่ในพื้นที่กักกัน', resolved: 'จัดการแล้ว' },
    done: 'จัดการแล้ว แจ้งศูนย์แล้ว',
    raised: 'ผู้แจ้ง',
    bin: 'ช่องกักกัน',
    note: 'หมายเหตุของพนักงาน',
    resolution: 'ผลการจัดการ',
    photos_one: '({{count}} รูป)',
    photos_other: '({{count}} รูป)',
    open: 'ยังไม่จัดการ',
    kind: { matched: 'จับคู่กับ', disposed: 'จัดการทิ้งแล้ว' },
    disposal: { return_to_sender: 'ส่งคืนผู้ส่ง', scrap: 'ทำลาย', donate: 'บริจาค' },
    how: { match: 'พบคำสั่งคืนแล้ว', dispose: 'ไม่มีผู้รับ' },
    returnOrder: 'รหัสคำสั่งคืน',
    disposalLabel: 'จะทำอย่างไรกับพัสดุ',
    noteRequired: 'หมายเหตุ (ต้องระบุ อย่างน้อย 3 ตัวอักษร)',
    noteOptional: 'หมายเหตุ (ไม่บังคับ)',
    resolve: 'จัดการ',
    empty: { open: 'ไม่มีพัสดุในพื้นที่กักกัน', resolved: 'ยังไม่มีรายการที่จัดการแล้ว' },
  },
};

export default messages;
