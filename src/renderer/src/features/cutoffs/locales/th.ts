import type { CutoffsMessages } from './en';

const messages: CutoffsMessages = {
  cutoffs: {
    keys: {
      move: 'เลือก',
      confirm: 'ยืนยัน',
      edit: 'แก้เวลาตัดรอบ',
      cancel: 'กลับ',
    },
    action: {
      next_pickup: 'รอบรับถัดไป',
      note: 'หมายเหตุ',
      rebook: 'จองขนส่งใหม่',
    },
    notice: {
      next_pickup: '{{orderRef}} รอรอบรับถัดไป',
      note: 'รับทราบ {{orderRef}} พร้อมหมายเหตุของคุณแล้ว',
      rebook: '{{orderRef}}: ยกเลิกใบปะหน้าแล้ว โต๊ะแพ็กจะเลือกเส้นทางใหม่',
      saved: 'บันทึกเวลาตัดรอบของ {{orderRef}} แล้ว',
      reset: 'เวลาตัดรอบของ {{orderRef}} กลับเป็นค่าเริ่มต้นแล้ว',
    },
    none: 'ไม่มีพัสดุที่พลาดเวลาตัดรอบ',
    col: {
      order: 'คำสั่งซื้อ',
      carrier: 'ขนส่ง',
      packedAt: 'แพ็กเมื่อ',
      cutoff: 'รอบที่พลาด',
      nextPickup: 'รอบรับถัดไป',
      risk: 'ความเสี่ยงล่าช้า',
      resolution: 'การจัดการ',
      market: 'ตลาด',
      lastPickup: 'รับรอบสุดท้าย',
      days: 'วันที่รับ',
      source: 'ที่มา',
    },
    noLabel: 'ยังไม่มีใบปะหน้า',
    open: 'ยังไม่จัดการ',
    resolved: {
      next_pickup: 'รอรอบรับถัดไป',
      note: 'รับทราบแล้ว',
      rebook: 'จองใหม่แล้ว',
    },
    confirm: {
      next_pickup: '{{orderRef}} รอรอบรับถัดไปของ {{carrier}} กด Enter เพื่อยืนยัน',
      note: 'รับทราบ {{orderRef}}: เขียนเหตุผล แล้วกด Enter',
      rebook: 'ยกเลิกใบปะหน้า {{carrier}} ของ {{orderRef}} และส่งกลับไปติดใบใหม่กับเส้นทางอื่น? กด Enter เพื่อยืนยัน',
    },
    noteLabel: 'หมายเหตุ (ต้องกรอก)',
    confirmButton: 'ยืนยัน',
    tableTitle: 'เวลาตัดรอบของแต่ละขนส่ง',
    anyCarrier: 'ทุกขนส่ง',
    anyMarket: 'ทุกตลาด',
    workingWeek: 'สัปดาห์ทำงาน:',
    source: {
      station: 'ตั้งโดย {{name}}',
      official: 'กฎของขนส่ง',
      reference: 'บันทึกอ้างอิงของเรา',
      community: 'แหล่งชุมชน',
      ours: 'สมมติฐานของเรา',
    },
    save: 'บันทึก',
    reset: 'กลับเป็นค่าเริ่มต้น',
  },
  stepUp: {
    purpose: {
      packCutoffResolve: 'จัดการพัสดุที่พลาดเวลาตัดรอบ',
      packCutoffSet: 'เปลี่ยนเวลาตัดรอบของขนส่ง',
    },
  },
  errorDetails: {
    VALIDATION_FAILED: {
      cutoff_time: 'เขียนเวลารับรอบสุดท้ายเป็น HH:MM เช่น 17:00',
    },
  },
};

export default messages;
