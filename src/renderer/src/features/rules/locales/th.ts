import type { RulesMessages } from './en';

const messages: RulesMessages = {
  rules: {
    supervisorOnly: 'เฉพาะหัวหน้างานที่เข้าสู่ระบบเท่านั้นที่แก้ไขตารางกฎได้ เข้าสู่ระบบที่มุมขวาบน',
    version: 'ตารางกฎเวอร์ชัน {{version}}',
    unsaved: 'แก้ไขแล้ว ยังไม่บันทึก',
    keys: { select: 'เลือกกฎ', move: 'ย้าย', add: 'เพิ่ม', remove: 'ลบ', save: 'บันทึก' },
    saved_one: 'บันทึกเป็นเวอร์ชัน {{version}} แล้ว มีคำเตือน {{count}} ข้อให้อ่าน',
    saved_other: 'บันทึกเป็นเวอร์ชัน {{version}} แล้ว มีคำเตือน {{count}} ข้อให้อ่าน',
    rule: 'กฎ',
    when: 'เมื่อ',
    then: 'ให้',
    hasWarning: 'กฎนี้มีคำเตือน',
    saveNote: 'เหตุผลของการเปลี่ยน (เก็บไว้กับเวอร์ชัน)',
    save: 'บันทึกเป็นเวอร์ชันใหม่',
    warningsTitle: 'ผลของตารางนี้ (คำเตือน {{count}} ข้อ)',
    noWarnings: 'ไม่มีคำเตือน: ทุกกฎได้ตัดสินสินค้าบางชิ้น และไม่มีกฎใดถูกกฎอื่นแย่งไป',
    history: 'เวอร์ชันที่บันทึกไว้',
    builtIn: 'ค่าเริ่มต้น',
    count_one: '{{count}} กฎ',
    count_other: '{{count}} กฎ',
    anything: 'ทุกกรณี',
    field: { grades: 'เกรด', categories: 'หมวดหมู่', reasons: 'เหตุผลการคืน', matches: 'ตรงกับคำสั่งซื้อ?' },
    category: {
      electronics: 'อิเล็กทรอนิกส์',
      apparel: 'เสื้อผ้า',
      footwear: 'รองเท้า',
      cosmetics: 'เครื่องสำอาง',
      home: 'ของใช้ในบ้าน',
      general: 'ทั่วไป',
    },
    warning: {
      unreachable: 'กฎ {{rule}} ไม่เคยได้ตัดสิน: {{by}} รับสินค้าทั้งหมดของกฎนี้ไปก่อน',
      overlap: 'กฎ {{by}} มาก่อนและตัดสินสินค้า {{count}} แบบเป็น{{as}} ซึ่ง {{rule}} จะตัดสินต่างออกไป',
      gap: 'สินค้า {{count}} แบบไม่ตรงกับกฎใดนอกจากกฎสุดท้าย จึงกลายเป็น{{disposition}}',
      empty_value_range: 'กฎ {{rule}} ไม่มีทางตรงใน {{currency}}: “อย่างน้อย” ไม่ต่ำกว่า “ต่ำกว่า”',
    },
    id: 'รหัสกฎ (a-z, 0-9, - และ _)',
    lastRule: 'กฎสุดท้ายตัดสินทุกชิ้นที่ไม่ตรงกับกฎอื่น และไม่มีเงื่อนไข',
    atLeast: 'มูลค่าสินค้าอย่างน้อย',
    below: 'มูลค่าสินค้าต่ำกว่า',
    moneyFormat: 'เขียนจำนวนเงินเป็น “500 THB” หรือ “500 THB, 20 USD”',
    note: 'เหตุผลของกฎ',
  },
};

export default messages;
