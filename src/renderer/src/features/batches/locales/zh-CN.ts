import type { BatchesMessages } from './en';

const messages: BatchesMessages = {
  batches: {
    notice: {
      closed: '批次已关闭，证书已签发。',
      label_queued: '笼位标签已发送到打印机。',
      downloaded: '证书已下载。',
    },
    openBatch: '当前批次',
    status: { open: '开放', closed: '已关闭', certified: '已出证' },
    units_one: '{{count}} 件',
    units_other: '{{count}} 件',
    photos_one: '{{count}} 张照片',
    photos_other: '{{count}} 张照片',
    none: '还没有销毁批次：批准一次销毁即会开启一个批次。',
    verifyTitle: '验证证书',
    verifyIntro: '选择一份证书 PDF（邮件、下载或处置公司提供的）：本工作站会将其与签发记录核对。',
    verifyChoose: '选择 PDF…',
    opened: '开启',
    closed: '关闭并批准',
    totals: '合计',
    note: '备注',
    label: '笼位标签',
    certificate: '证书 {{id}}',
    sha256: '证书 SHA-256：',
    fileSha256: '文件 SHA-256：',
    download: '下载证书（PDF）',
    printLabel: '打印笼位标签',
    closeNote: '证书备注（谁来收取、封条号…）',
    close_one: '关闭批次（{{count}} 件）并签发证书',
    close_other: '关闭批次（{{count}} 件）并签发证书',
    unit: '货件',
    item: '商品',
    why: '销毁原因',
    approvedBy: '批准人',
    outcome: {
      valid: '有效——正是本工作站签发的文件，记录和批次均未改变',
      not_pdf: '无效——这不是 PDF 文件',
      unknown: '无效——本工作站没有签发过这份文件',
      file_altered: '无效——文件在签发后被修改过',
      record_altered: '无效——工作站的记录与证书哈希不再一致',
      batch_changed: '无效——已出证的批次之后被修改过',
    },
    thisFile: '此文件的 SHA-256：',
  },
};

export default messages;
