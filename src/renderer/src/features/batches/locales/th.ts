import type { BatchesMessages } from './en';

const messages: BatchesMessages = {
  batches: {
    notice: {
      closed: 'ปิดชุดและออกใบรับรองแล้ว',
      label_queued: 'ส่งฉลากกรงไปยังเครื่องพิมพ์แล้ว',
      downloaded: 'ดาวน์โหลดใบรับรองแล้ว',
    },
    openBatch: 'ชุดที่เปิดอยู่',
    status: { open: 'เปิด', closed: 'ปิดแล้ว', certified: 'รับรองแล้ว' },
    units_one: '{{count}} ชิ้น',
    units_other: '{{count}} ชิ้น',
    photos_one: '{{count}} รูป',
    photos_other: '{{count}} รูป',
    none: 'ยังไม่มีชุดทำลาย: การอนุมัติการทำลายจะเปิดชุดใหม่',
    verifyTitle: 'ตรวจสอบใบรับรอง',
    verifyIntro: 'เลือกไฟล์ PDF ใบรับรอง (จากอีเมล ดาวน์โหลด หรือบริษัทกำจัด): สถานีนี้จะตรวจสอบกับที่ออกไว้',
    verifyChoose: 'เลือก PDF…',
    opened: 'เปิดเมื่อ',
    closed: 'ปิดและอนุมัติ',
    totals: 'รวม',
    note: 'หมายเหตุ',
    label: 'ฉลากกรง',
    certificate: 'ใบรับรอง {{id}}',
    sha256: 'SHA-256 ของใบรับรอง:',
    fileSha256: 'SHA-256 ของไฟล์:',
    download: 'ดาวน์โหลดใบรับรอง (PDF)',
    printLabel: 'พิมพ์ฉลากกรง',
    closeNote: 'หมายเหตุในใบรับรอง (ผู้มารับกรง หมายเลขซีล…)',
    close_one: 'ปิดชุด ({{count}} ชิ้น) และออกใบรับรอง',
    close_other: 'ปิดชุด ({{count}} ชิ้น) และออกใบรับรอง',
    unit: 'ชิ้น',
    item: 'สินค้า',
    why: 'เหตุผลที่ทำลาย',
    approvedBy: 'ผู้อนุมัติ',
    outcome: {
      valid: 'ถูกต้อง — เป็นไฟล์ที่สถานีนี้ออกจริง บันทึกและชุดไม่เปลี่ยนแปลง',
      not_pdf: 'ไม่ถูกต้อง — ไฟล์นี้ไม่ใช่ PDF',
      unknown: 'ไม่ถูกต้อง — สถานีนี้ไม่เคยออกไฟล์นี้',
      file_altered: 'ไม่ถูกต้อง — ไฟล์ถูกแก้ไขหลังจากออก',
      record_altered: 'ไม่ถูกต้อง — บันทึกของสถานีไม่ตรงกับแฮชของใบรับรองแล้ว',
      batch_changed: 'ไม่ถูกต้อง — ชุดที่รับรองถูกเปลี่ยนแปลงภายหลัง',
    },
    thisFile: 'SHA-256 ของไฟล์นี้:',
  },
};

export default messages;
