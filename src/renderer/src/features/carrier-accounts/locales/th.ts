import type { CarrierAccountsMessages } from './en';

const messages: CarrierAccountsMessages = {
  carrierAccounts: {
    title: 'บัญชีขนส่ง',
    intro:
      'ข้อมูลลับของบัญชีขนส่งและแพลตฟอร์มที่สถานีนี้ซิงค์ด้วย เก็บแบบเข้ารหัสบนเครื่องนี้และจะไม่แสดงอีก: เห็นได้แค่ว่าตั้งค่าแล้วหรือยัง และสี่ตัวท้ายสำหรับค่าที่ยาว',
    adminOnly: 'เข้าสู่ระบบในฐานะผู้ดูแลระบบเพื่อดูและแก้ไขบัญชีขนส่ง',
    none: 'สถานีนี้ยังไม่ได้ตั้งค่าบัญชีขนส่งหรือแพลตฟอร์มใดเลย',
    storage: 'ข้อมูลลับได้รับการป้องกันโดย: {{backend}}',
    storageUnavailable: 'ไม่มีที่เก็บข้อมูลลับที่ใช้ได้บนเครื่องนี้: บันทึกหรืออ่านข้อมูลลับไม่ได้',
    weakWarning:
      'คำเตือน: เครื่องนี้ไม่มี keyring ({{backend}}) ข้อมูลลับจะถูกเข้ารหัสด้วยคีย์ที่ฝังอยู่ในแอป ซึ่งใครก็ตามที่คัดลอกโฟลเดอร์ข้อมูลไปก็ถอดได้ หากทำได้ ให้ตั้งค่า keyring (GNOME Keyring หรือ KWallet) ก่อน',
    confirmWeak: 'บันทึกต่อไป: ฉันอ่านคำเตือนแล้ว',
    set: 'ตั้งค่าแล้ว',
    setEnding: 'ตั้งค่าแล้ว ลงท้ายด้วย …{{lastFour}}',
    notSet: 'ยังไม่ได้ตั้งค่า',
    changed: 'แก้ไขเมื่อ {{when}} โดย {{by}}',
    unknownKind: 'เวอร์ชันนี้ไม่มีตัวเชื่อมต่อสำหรับบัญชีนี้ ข้อมูลลับที่บันทึกไว้ทำได้เพียงล้างทิ้ง',
    save: 'บันทึก',
    test: 'ทดสอบการเชื่อมต่อ',
    testing: 'กำลังทดสอบ…',
    clear: 'ล้าง',
    confirmClear: 'ล้างข้อมูลลับทั้งหมดของ {{account}} หรือไม่? การซิงค์กับบัญชีนี้จะหยุดจนกว่าจะกรอกค่าใหม่',
    yesClear: 'ใช่ ล้างเลย',
    keep: 'เก็บไว้',
    saved: 'บันทึกแล้ว',
    cleared: 'ล้างแล้ว',
    nothingTyped: 'กรอกค่าใหม่ก่อน',
    renewed:
      '{{carrier}} ต่ออายุ {{fields}} ระหว่างการทดสอบ: ค่าที่กรอกไว้ใช้ไม่ได้แล้ว กด บันทึก เพื่อเก็บค่าที่ต่ออายุ (สถานีนี้ถือไว้จนกว่าจะบันทึก และไม่แสดงให้เห็น)',
    backend: {
      'key-file': 'ไฟล์คีย์ในโฟลเดอร์ข้อมูล ซึ่งอ่านได้เฉพาะผู้ใช้นี้',
      dpapi: 'Windows (DPAPI)',
      keychain: 'macOS Keychain',
      gnome_libsecret: 'GNOME Keyring',
      kwallet: 'KWallet',
      kwallet5: 'KWallet 5',
      kwallet6: 'KWallet 6',
    },
    field: {
      clientSecret: 'Client secret',
      apiKey: 'API key',
      webhookSecret: 'Webhook secret',
      privateKey: 'Private key',
      password: 'รหัสผ่าน',
      appSecret: 'App secret',
      accessToken: 'Access token',
      refreshToken: 'Refresh token',
    },
    result: {
      ok: 'เชื่อมต่อได้: {{carrier}} ยอมรับข้อมูลเข้าสู่ระบบ',
      auth: '{{carrier}} ปฏิเสธข้อมูลเข้าสู่ระบบ ตรวจสอบแล้วกรอกใหม่',
      timeout: '{{carrier}} ไม่ตอบภายใน {{seconds}} วินาที ตรวจสอบเครือข่ายแล้วทดสอบอีกครั้ง',
      network: 'ติดต่อ {{carrier}} ไม่ได้ ตรวจสอบเครือข่ายและที่อยู่ในการตั้งค่าการซิงค์',
      throttled: '{{carrier}} กำลังจำกัดคำขอจากบัญชีนี้ ลองใหม่ในอีกหนึ่งนาที',
      server: '{{carrier}} มีปัญหาอยู่ในขณะนี้ ลองใหม่ภายหลัง',
      config: '{{carrier}} ตอบกลับ แต่บัญชีไม่ได้ตั้งค่าตามที่กำหนด ({{field}})',
      cancelled: 'การทดสอบหยุดก่อนที่ {{carrier}} จะตอบ',
      missing_secret: 'ยังไม่ได้บันทึก {{field}} กรอกก่อน แล้วทดสอบอีกครั้ง',
      other: 'การทดสอบล้มเหลว: {{detail}}',
    },
  },
};

export default messages;
