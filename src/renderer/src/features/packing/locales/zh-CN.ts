import type { PackingMessages } from './en';

const messages: PackingMessages = {
  eventType: {
    package_ship: '向平台发货',
  },
  errors: {
    BOX_PRESET_UNKNOWN: '本工作站没有箱型“{{code}}”。请扫描其他箱子或输入尺寸。',
    BOX_CODE_INVALID: '箱型条码读取有误（{{scanned}}）。请重新扫描或输入箱型代码。',
    MANIFEST_NOT_FOUND: '没有交接单 {{manifestId}}。',
    MANIFEST_CLOSED: '此交接单已关闭；请为下一次揽收新开一张。',
    MANIFEST_WRONG_CARRIER:
      '包裹 {{trackingNumber}} 属于 {{actual}}，不是 {{expected}}。请放到它自己的承运商那边。',
    MANIFEST_PARCEL_HANDED_OVER: '包裹 {{trackingNumber}} 已经交接过了（交接单 {{manifestId}}）。',
    MANIFEST_PARCEL_ON_OTHER: '包裹 {{trackingNumber}} 已在另一张未关闭的交接单上（{{manifestId}}）。',
    MANIFEST_DRIVER_REQUIRED: '请输入司机姓名后再关闭交接单。',
    MANIFEST_EMPTY: '此交接单还没有扫描任何包裹。',
  },
};

export default messages;
