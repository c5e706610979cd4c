import type { PackingMessages } from './en';

const messages: PackingMessages = {
  eventType: {
    package_ship: '向平台发货',
    package_handed_over: '包裹已交给承运商',
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
    PACK_ORDER_NOT_FOUND: '没有与 {{code}} 匹配的待打包订单。请重新扫描订单号、包裹号或拣货单。',
    PACK_ORDER_CANCELLED: '订单 {{orderRef}} 已被平台取消。不要发货，请把商品放回。',
    PACK_ORDER_DONE: '订单 {{orderRef}} 已打包。请扫描下一个订单。',
    PACK_ORDER_AT_OTHER_BENCH: '订单 {{orderRef}} 正在另一个工位打包。',
    PACK_SESSION_OPEN: '请先完成或暂放订单 {{orderRef}}。',
    PACK_NO_SESSION: '没有打开的订单。扫描订单开始打包。',
    PACK_WRONG_ITEM: '商品错误：{{scanned}} 不在订单 {{orderRef}} 中。请把它从台面拿走。',
    PACK_LINE_ALREADY_VERIFIED: '数量过多：{{sku}} 的 {{quantity}} 件已全部扫描。请拿走这一件。',
    PACK_SERIAL_DUPLICATE: '序列号 {{serial}} 在本订单中已扫描过。',
    PACK_LINES_NOT_VERIFIED: '还有 {{remaining}} 件商品需要扫描。',
    PACK_WEIGHT_UNSTABLE: '秤还在晃动。请放稳包裹后重新称重。',
    PACK_WEIGHT_ZERO: '秤显示为 0。请把包裹放到秤上。',
    PACK_WEIGHT_OVER_RANGE: '包裹超过秤的量程。请使用落地秤或手动输入重量。',
    PACK_WEIGHT_UNREADABLE: '“{{text}}”不是重量。请输入如 850 g 或 1.25 kg。',
    PACK_SCALE_UNAVAILABLE: '秤没有响应。请检查连接线或手动输入重量。',
    PACK_NOT_WEIGHED: '请先称重包裹。',
    PACK_NO_ROUTE: '{{country}} 没有设置承运路线。请主管添加。',
    PACK_NO_SERVICE: '承运商 {{carrier}} 在本站没有 {{market}} 的服务。',
    PACK_CARRIER_NOT_LISTED: '平台在 {{market}} 不接受 {{carrier}}。请选择其他线路。',
    PACK_SERVICE_LIMIT: '包裹对 {{service}} 来说太重或太大。请选择其他线路或重新包装。',
    PACK_NO_BACKUP: '此路线没有备用线路。',
    PACK_NOT_ROUTED: '请先选择承运线路。',
    PACK_LABEL_REFUSED: '{{carrier}} 拒绝了面单：{{reason}}。请把包裹放一边并告知主管。',
    PACK_SPLIT_INVALID: '拆包必须移出至少一件商品，并至少留下一件。',
    PACK_SPLIT_NOT_ALLOWED: '订单 {{orderRef}} 不能拆包。',
    PACK_PARCEL_UNKNOWN: '包裹 {{trackingNumber}} 不是本站已打包的包裹。',
  },
};

export default messages;
