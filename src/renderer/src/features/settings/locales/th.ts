import type { SettingsMessages } from './en';

const messages: SettingsMessages = {
  settings: {
    title: 'ตั้งค่า',
    stationName: 'ชื่อสถานี',
    language: 'ภาษา',
    sound: 'ส่งเสียงทุกครั้งที่สแกน',
    soundOn: 'เปิด',
    soundOff: 'ปิด',
    staleHours: 'แจ้งพัสดุที่ไม่มีอัปเดตการติดตามหลังจาก (ชั่วโมง)',
    qcUndoMinutes: 'โต๊ะตรวจ: ยกเลิกได้ภายใน (นาที, 0 = ยกเลิกไม่ได้)',
    save: 'บันทึก',
    saved: 'บันทึกแล้ว',
  },
};

export default messages;
