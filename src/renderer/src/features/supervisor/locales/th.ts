import type { SupervisorMessages } from './en';

const messages: SupervisorMessages = {
  supervisor: {
    title: 'หัวหน้างาน',
    asYourself: 'เข้าสู่ระบบเป็น {{name}}: ดำเนินการในนามของคุณเอง',
    atClerkScreen: 'อยู่ที่หน้าจอของพนักงาน: ทุกการดำเนินการต้องให้หัวหน้างานสแกนบัตรหรือใส่ PIN',
    tabs: {
      approvals: 'การอนุมัติ',
      batches: 'ชุดทำลาย',
      rules: 'กฎการจัดการ',
      shift: 'กะ QC',
      decisions: 'การตัดสิน',
      exceptions: 'ข้อยกเว้น',
      cutoffs: 'เวลาตัดรอบ',
    },
  },
  stepUp: {
    purpose: {
      qcApproveDestroy: 'อนุมัติการทำลายสินค้าคืนเหล่านี้',
      qcRejectDestroy: 'ไม่อนุมัติการทำลายและจัดการสินค้าแบบอื่น',
      qcCloseBatch: 'ปิดชุดทำลายและออกใบรับรอง',
      qcResolveException: 'จัดการพัสดุที่ไม่คาดคิดในพื้นที่กักกัน',
    },
  },
  supervision: {
    rejectReason: {
      repairable: 'ซ่อมได้',
      resellable: 'ยังขายได้',
      evidence_insufficient: 'หลักฐานไม่เพียงพอ',
      wrong_grade: 'ให้เกรดผิด',
      seller_wants_it_back: 'ผู้ขายต้องการคืน',
      other: 'อื่นๆ (เขียนหมายเหตุ)',
    },
  },
};

export default messages;
