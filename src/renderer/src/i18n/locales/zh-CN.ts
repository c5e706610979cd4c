import type { Locale } from '../locale';
import type { BaseMessages } from './en';

const messages: BaseMessages = {
  app: {
    title: 'LastMile Desk',
    station: '工作站',
    operator: '操作员',
    signIn: '登录',
    signOut: '退出登录',
    loading: '加载中…',
    screens: '页面',
    cancel: '取消',
    refresh: '刷新',
    never: '从未',
    none: '—',
  },
  nav: {
    scan: '扫描',
    queue: '队列',
    sync: '同步',
    settings: '设置',
  },
  roles: {
    clerk: '质检员',
    packer: '打包员',
    supervisor: '主管',
  },
  scanSource: {
    scanner: '扫描枪',
    keyboard: '键盘',
  },
  outcome: {
    parcel: '包裹',
    return_order: '退货',
    unknown: '未知',
  },
  direction: {
    outbound: '发出',
    return: '退回',
  },
  parcelStatus: {
    created: '已创建',
    in_transit: '运输中',
    out_for_delivery: '派送中',
    delivered: '已签收',
    delivery_failed: '派送失败',
    returning: '退回中',
    received: '已收货',
    exception: '异常',
    cancelled: '已取消',
  },
  returnStatus: {
    expected: '待收货',
    received: '已收货',
    inspecting: '质检中',
    completed: '已完成',
    cancelled: '已取消',
  },
  returnReason: {
    buyer_remorse: '买家不想要了',
    defective: '商品有缺陷',
    damaged_in_transit: '运输途中损坏',
    wrong_item: '发错商品',
    missing_parts: '缺少配件',
    refused_at_delivery: '拒收',
  },
  eventType: {
    scan_recorded: '已记录扫描',
    scan_unknown: '扫描了未知编码',
  },
  outboxStatus: {
    pending: '等待发送',
    in_flight: '发送中',
    delivered: '已送达',
    dead: '失败',
    discarded: '已丢弃',
  },
  circuit: {
    closed: '正常',
    open: '已暂停：连续失败',
    half_open: '正在重试',
  },
  errors: {
    VALIDATION_FAILED: '请求"{{call}}"被拒绝：字段"{{field}}"无效（{{issue}}）。',
    UNKNOWN_CALL: '工作站不认识请求"{{name}}"。请更新应用。',
    UNAUTHORIZED: '此页面已与工作站断开。请重新打开工作站打印的链接。',
    FORBIDDEN: '只有主管可以执行此操作。请先以主管身份登录。',
    NOT_FOUND: '未找到：{{id}}。',
    BAD_PIN: 'PIN 码错误，请重试。',
    SCAN_EMPTY: '没有扫描到内容。请重新扫描标签。',
    SCAN_TOO_LONG: '这不是标签：收到 {{length}} 个字符，编码最多 {{max}} 个字符。请重新扫描标签。',
    SCAN_BAD_CHARACTERS:
      '扫描内容的第 {{position}} 位含有控制字符（代码 {{charCode}}）。请检查扫描枪的前缀/后缀设置，然后重新扫描。',
    SCAN_NOT_ASCII: '"{{character}}" 不属于任何标签。请把键盘输入法切换为英文 (ABC)，然后重新扫描。',
    DB_LOCKED: '工作站数据库正忙（另一个程序正在使用）。请稍等片刻再试。',
    DB_CORRUPT: '工作站数据库已损坏。请联系主管，不要删除任何文件。',
    DB_READONLY: '工作站数据库无法写入（只读）。请联系主管。',
    DISK_FULL: '这台电脑的磁盘已满，未记录任何内容。请联系主管。',
    DATA_DIR_UNUSABLE: '数据文件夹 {{path}} 无法使用。请联系主管。',
    DB_NEWER_THAN_APP:
      '数据库由更新版本的应用写入（版本 {{fileVersion}}，本应用支持到 {{appVersion}}）。请更新应用。',
    SYNC_ALREADY_RUNNING: '同步已在运行。可在此查看进度。',
    SYNC_NOT_RUNNING: '当前没有同步在运行。',
    OUTBOX_EVENT_NOT_DEAD: '此事件已不是失败状态（当前：{{status}}）。列表已刷新。',
    TRANSPORT_FAILED: '工作站没有响应（{{call}}）。请检查它是否仍在运行。',
    CORE_RESTARTING: '工作站正在重新启动。已确认的操作都不会丢失；如果刚才是扫描，请再扫一次包裹。',
    // printing
    PRINT_TEMPLATE_UNKNOWN: '没有名为“{{template}}”的标签模板。',
    PRINT_DATA_INVALID: '标签“{{template}}”无法打印：字段“{{field}}”无效（{{issue}}）。',
    PRINT_TEXT_TOO_LONG:
      '“{{field}}”的文字超出了标签“{{template}}”的空间（最小字号下最多 {{maxLines}} 行）。',
    PRINT_TEXT_UNSUPPORTED_CHARACTER:
      '标签“{{template}}”无法打印“{{field}}”中的“{{character}}”（{{codePoint}}）：本工作站没有包含该字符的字体。',
    PRINT_BARCODE_NOT_ENCODABLE: '“{{field}}”的值无法编码为 {{symbology}} 条码（{{reason}}）。',
    PRINT_BARCODE_TOO_LARGE: '“{{field}}”的 {{symbology}} 条码放不进标签“{{template}}”。',
    PRINT_FORMAT_UNSUPPORTED: '无法生成“{{format}}”格式的标签。',
    PRINT_JOB_NOT_FOUND: '没有打印任务 {{jobId}}。',
    PRINTER_UNKNOWN: '本工作站没有打印机“{{printerId}}”。',
    PRINTER_PROFILE_INVALID: '打印机设置无效：“{{field}}”（{{issue}}）。',
    PRINTER_TEMPLATE_NOT_ALLOWED: '打印机“{{printerId}}”未设置为打印“{{template}}”标签。',
    PRINTER_UNREACHABLE:
      '无法连接 {{printer}} 的打印机（{{reason}}）。请检查电缆和电源；标签会等待，打印机恢复后自动打印。',
    PRINTER_CONNECTION_LOST:
      '{{printer}} 的打印机在发送 {{sent}}/{{total}} 字节后断开了连接。标签将重新发送。',
    PRINTER_TIMEOUT: '{{printer}} 的打印机没有响应。标签将重新发送。',
    PRINTER_NOT_READY: '{{printer}} 的打印机未就绪（{{reason}}）。',
    PRINTER_INTERFACE_UNSUPPORTED: '本工作站无法通过“{{interface}}”连接打印机。',
    INTERNAL: '应用内部出错。详细信息已写入日志；请联系主管。',
  },
};

const locale: Locale<BaseMessages> = { code: 'zh-CN', nativeName: '简体中文', messages };
export default locale;
