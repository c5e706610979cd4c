import type { RoutesMessages } from './en';

const messages: RoutesMessages = {
  routes: {
    title: 'เส้นทาง',
    rule: 'งานใหม่จะไปที่สายสำรองเมื่อสายหลักติดต่อไม่ได้นาน {{minutes}} นาที',
    none: 'ยังไม่มีเส้นทาง: พัสดุทุกชิ้นไปกับขนส่งที่กำหนดไว้ตอนสร้าง',
    route: 'ประเทศ / ผู้ขาย',
    countrySeller: '{{country}} · ผู้ขาย {{seller}}',
    primary: 'สายหลัก',
    backup: 'สายสำรอง',
    noBackup: 'ไม่มี',
    active: 'รับงานใหม่',
    sentToBackup: 'ส่งไปสายสำรอง (24 ชม.)',
    downSince: 'ติดต่อไม่ได้ตั้งแต่ {{time}}',
    line: { primary: 'สายหลัก', backup: 'สายสำรอง' },
    form: {
      failoverAfter: 'สลับไปสายสำรองหลังจาก (นาที)',
      saveFailover: 'บันทึกเวลาสลับ',
      add: 'เพิ่มเส้นทาง',
      edit: 'แก้ไข',
      delete: 'ลบ',
      editRoute: 'แก้ไขเส้นทาง {{route}}',
      deleteRoute: 'ลบเส้นทาง {{route}}',
      actions: 'เปลี่ยน',
      newTitle: 'เส้นทางใหม่',
      editTitle: 'แก้ไขเส้นทาง',
      country: 'ประเทศ (2 ตัวอักษร)',
      seller: 'ผู้ขาย (ไม่บังคับ)',
      everySeller: 'ผู้ขายทุกราย',
      choose: 'เลือกบัญชีขนส่ง',
      noBackup: 'ไม่มีสายสำรอง',
      save: 'บันทึกเส้นทาง',
      cancel: 'ยกเลิก',
    },
    reason: {
      primary_up: 'สายหลักตอบสนองปกติ',
      primary_down_briefly: 'สายหลักติดต่อไม่ได้ แต่ยังไม่ถึง {{minutes}} นาที',
      primary_down: 'สายหลักติดต่อไม่ได้นานกว่า {{minutes}} นาที งานที่อยู่ในคิวยังรอสายหลัก',
      no_backup: 'สายหลักติดต่อไม่ได้ และเส้นทางนี้ไม่มีสายสำรอง',
      backup_down: 'ทั้งสองสายติดต่อไม่ได้ งานยังอยู่ที่สายหลัก',
    },
  },
};

export default messages;
