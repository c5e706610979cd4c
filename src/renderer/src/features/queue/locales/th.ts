import type { QueueMessages } from './en';

const messages: QueueMessages = {
  queue: {
    title: 'คิวข้อมูลขาออก',
    intro: 'สิ่งที่สถานีนี้ยังต้องแจ้งขนส่งและแพลตฟอร์ม เก็บไว้ในเครื่องนี้จนกว่าจะส่ง',
    filter: 'แสดง',
    total: 'เหตุการณ์ในรายการนี้: {{count}}',
    created: 'เวลา',
    event: 'เหตุการณ์',
    about: 'เกี่ยวกับ',
    destination: 'ปลายทาง',
    status: 'สถานะ',
    attempts: 'จำนวนครั้ง',
    empty: 'ไม่มีรายการ',
    previous: 'ก่อนหน้า',
    next: 'ถัดไป',
    page: 'หน้า {{page}} จาก {{pages}}',
  },
};

export default messages;
