import type { ShellMessages } from './en';

const messages: ShellMessages = {
  coreStatus: {
    restarting: 'สถานีกำลังเริ่มใหม่ — สิ่งที่คุณยืนยันแล้วไม่สูญหาย รอสักครู่แล้วทำงานต่อ',
    stopped: 'สถานีหยุดทำงาน ทุกอย่างที่คุณยืนยันแล้วถูกบันทึกไว้ ทำตามข้อความบนหน้าจอหรือเรียกหัวหน้างาน',
  },
};
export default messages;
