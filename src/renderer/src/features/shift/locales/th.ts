import type { ShiftMessages } from './en';

const messages: ShiftMessages = {
  shift: {
    supervisorOnly: 'เฉพาะหัวหน้างานที่เข้าสู่ระบบเท่านั้นที่ดูกะของพนักงานทุกคนได้',
    window: 'ช่วงเวลา',
    windows: { today: 'วันนี้', yesterday: 'เมื่อวาน', week: '7 วันล่าสุด' },
    clerk: 'พนักงาน',
    parcels: 'พัสดุ',
    items: 'ชิ้น',
    overrides: 'เปลี่ยนจากคำแนะนำ',
    pending: 'รออนุมัติ',
    exceptions: 'ไม่คาดคิด',
    undos: 'ยกเลิก',
    median: 'วินาที/ชิ้น (มัธยฐาน)',
    p90: 'วินาที/ชิ้น (90%)',
    total: 'พนักงานทั้งหมด',
    empty: 'ไม่มีงาน QC ในช่วงนี้',
  },
};

export default messages;
