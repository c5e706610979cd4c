import type { DecisionsMessages } from './en';

const messages: DecisionsMessages = {
  decisions: {
    supervisorOnly: 'เฉพาะหัวหน้างานที่เข้าสู่ระบบเท่านั้นที่ดูการตัดสินทั้งหมดได้',
    query: 'ค้นหา: ป้ายสินค้า รหัสการคืน รหัสคำสั่งซื้อ SKU หรือซีเรียล (Enter)',
    disposition: 'การจัดการ',
    status: 'สถานะ',
    all: 'ทั้งหมด',
    active: 'มีผลอยู่',
    undone: 'ยกเลิกแล้ว',
    when: 'เวลา',
    unit: 'ชิ้น',
    item: 'สินค้า',
    clerk: 'ผู้ตัดสิน',
    suggested: 'กฎ: {{disposition}}',
    empty: 'ไม่มีการตัดสินที่ตรงกัน',
    more: 'การตัดสินก่อนหน้า',
    photos_one: '{{count}} รูป',
    photos_other: '{{count}} รูป',
    history: 'การตัดสินทั้งหมดของชิ้นนี้',
    approval: 'การอนุมัติการทำลาย',
    batch: 'ชุด{{status}}',
    events: 'เหตุการณ์ที่ส่งไปยังแพลตฟอร์มและศูนย์',
    audit: 'ประวัติการตรวจสอบ',
  },
};

export default messages;
