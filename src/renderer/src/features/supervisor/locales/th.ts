import type { SupervisorMessages } from './en';

const messages: SupervisorMessages = {
  supervisor: {
    title: 'หัวหน้างาน',
    asYourself: 'เข้าสู่ระบบเป็น {{name}}: ดำเนินการในนามของคุณเอง',
    atClerkScreen: 'อยู่ที่หน้าจอของพนักงาน: ทุกการดำเนินการต้องใช้ PIN ของหัวหน้างาน',
    tabs: {
      approvals: 'การอนุมัติ',
      batches: 'ชุดทำลาย',
      rules: 'กฎการจัดการ',
      shift: 'กะ QC',
      decisions: 'การตัดสิน',
      exceptions: 'ข้อยกเว้น',
    },
    stepUp: {
      title: 'หัวหน้างานอนุมัติที่หน้าจอนี้',
      who: 'หัวหน้างาน',
      pin: 'PIN',
      missing: 'เลือกหัวหน้างานและพิมพ์ PIN แล้วดำเนินการอีกครั้ง',
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
