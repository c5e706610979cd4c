import type { PackingMessages } from './en';

const messages: PackingMessages = {
  eventType: {
    package_ship: 'แจ้งจัดส่งไปยังแพลตฟอร์ม',
  },
  errors: {
    BOX_PRESET_UNKNOWN: 'ไม่มีกล่อง "{{code}}" ในสถานีนี้ สแกนกล่องอื่นหรือพิมพ์ขนาดกล่อง',
    BOX_CODE_INVALID: 'อ่านบาร์โค้ดกล่องนี้ไม่ถูกต้อง ({{scanned}}) สแกนใหม่หรือพิมพ์รหัสกล่อง',
    MANIFEST_NOT_FOUND: 'ไม่มีใบส่งมอบ {{manifestId}}',
    MANIFEST_CLOSED: 'ใบส่งมอบนี้ปิดแล้ว เปิดใบใหม่สำหรับรอบรับพัสดุถัดไป',
    MANIFEST_WRONG_CARRIER: 'พัสดุ {{trackingNumber}} เป็นของ {{actual}} ไม่ใช่ {{expected}} แยกไว้ให้ขนส่งของมันเอง',
    MANIFEST_PARCEL_HANDED_OVER: 'พัสดุ {{trackingNumber}} ส่งมอบไปแล้ว (ใบส่งมอบ {{manifestId}})',
    MANIFEST_PARCEL_ON_OTHER: 'พัสดุ {{trackingNumber}} อยู่ในใบส่งมอบอื่นที่ยังเปิดอยู่ ({{manifestId}})',
    MANIFEST_DRIVER_REQUIRED: 'กรอกชื่อคนขับก่อนปิดใบส่งมอบ',
    MANIFEST_EMPTY: 'ยังไม่ได้สแกนพัสดุเข้าใบส่งมอบนี้เลย',
  },
};

export default messages;
