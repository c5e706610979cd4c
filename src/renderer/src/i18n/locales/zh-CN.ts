import type { Locale } from '../locale';
import type { BaseMessages } from './en';

const messages: BaseMessages = {
  app: {
    title: 'LastMile Desk',
    station: '工作站',
    operator: '操作员',
    signIn: '登录',
    signOut: '退出登录',
    changePin: '修改 PIN 码',
    stationDefault: '未登录：工作站默认身份',
    signedIn: '已登录',
    idleSignOut: '已登录；无操作 {{minutes}} 分钟后自动退出',
    loading: '加载中…',
    screens: '页面',
    cancel: '取消',
    refresh: '刷新',
    never: '从未',
    none: '—',
    keyMissing: '此屏幕未连接到工作站',
    keyMissingWhy: '工作站的密钥已更换，或此浏览器从未获得密钥。请在工作站电脑上运行：',
    keyMissingAsk:
      'DIR 是工作站的数据文件夹。然后在此浏览器中打开它打印的链接——也可以向主管索取工作站的链接。',
  },
  nav: {
    scan: '扫描',
    queue: '队列',
    sync: '同步',
    settings: '设置',
    printers: '打印机',
  },
  roles: {
    clerk: '质检员',
    packer: '打包员',
    supervisor: '主管',
    admin: '管理员',
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
    UNAUTHORIZED:
      '此页面没有工作站当前的密钥。请在工作站电脑上运行“lastmile station --print-url --data <工作站数据文件夹>”，并在这里打开它打印的链接。',
    FORBIDDEN: '只有主管可以执行此操作。请先以主管身份登录，或请主管批准。',
    NOT_FOUND: '未找到：{{id}}。',
    BAD_PIN: 'PIN 码错误。再错 {{attemptsLeft}} 次将暂停登录。',
    SIGN_IN_LOCKED: 'PIN 码错误次数过多，登录已暂停：请在 {{retryAfterSeconds}} 秒后重试。',
    PIN_CHANGE_REQUIRED: '{{name}} 必须先设置新的 PIN 码（登录一次即可设置）。',
    PIN_TOO_WEAK: '这个 PIN 码太容易被猜到，请换一个。',
    NOT_SIGNED_IN: '此屏幕上没有人登录。',
    SESSION_EXPIRED: '{{name}} 已在 {{idleMinutes}} 分钟无操作后自动退出登录。请重新登录，或请主管批准。',
    BADGE_INVALID: '无法识别这张工牌，请重新扫描。',
    BADGE_UNKNOWN: '这张工牌不属于本工作站的任何人。请主管先登记。',
    BADGE_TAKEN: '这张工牌已属于其他人。',
    SCAN_IS_BADGE: '这是员工工牌，不是包裹。未记录任何内容。',
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
    PRINTER_NOT_CONFIGURED: '本工作站没有打印“{{template}}”标签的打印机。请主管在“打印机”中添加。',
    PRINTING_NOT_READY: '打印功能仍在启动中。请稍后再试，没有丢失任何内容。',
    INTERNAL: '应用内部出错。详细信息已写入日志；请联系主管。',
  },
  errorDetails: {
    VALIDATION_FAILED: {
      station_name_characters: '工作站名称含有不可见或损坏的字符（控制字符或半个表情符号）。请重新输入。',
      user_or_badge: '请选择您是谁，或扫描您的工牌。',
    },
    PIN_TOO_WEAK: {
      length: 'PIN 码为 4 到 12 位数字。',
      digits: 'PIN 码只能是数字。',
      repeated: '同一个数字重复（如 0000）太容易被猜到，请换一个 PIN 码。',
      sequence: '连续数字（如 1234 或 9876）太容易被猜到，请换一个 PIN 码。',
      same_as_old: '新 PIN 码必须与旧 PIN 码不同。',
    },
    BADGE_INVALID: {
      format: '这不是员工工牌。请重新扫描工牌。',
      check_character: '工牌读取有误（校验位不符）。请重新扫描。',
    },
    BAD_PIN: {
      locked: 'PIN 码错误。登录已暂停：请在 {{retryAfterSeconds}} 秒后重试。',
    },
    SIGN_IN_LOCKED: {
      station: '本工作站 PIN 码错误次数过多，登录已暂停：请在 {{retryAfterSeconds}} 秒后重试。',
    },
    FORBIDDEN: {
      admin: '只有管理员可以执行此操作。',
      another_user: '不能对自己的账户执行此操作。请用“修改 PIN 码”修改自己的 PIN 码。',
      authorizer: '此人不是主管，不能批准此操作。',
      setting: '只有主管可以修改此设置。请以主管身份登录，或请主管批准。',
    },
  },
};

const locale: Locale<BaseMessages> = { code: 'zh-CN', nativeName: '简体中文', messages };
export default locale;
