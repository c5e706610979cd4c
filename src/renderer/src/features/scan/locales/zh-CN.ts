import type { ScanMessages } from './en';

const messages: ScanMessages = {
  scan: {
    ready: '就绪：直接扫描标签（无需点击），或输入编码后按回车。',
    inputLabel: '编码',
    record: '记录',
    recording: '正在记录…',
    foundReturn: '找到退货单',
    foundParcel: '找到包裹',
    unknownTitle: '未知编码',
    unknownHint: '不是本站的包裹或退货单。请把包裹放到一边交给主管；扫描已保存。',
    errorTitle: '未记录',
    busyTitle: '工作站忙，正在重试',
    busyHint:
      '另一个程序正在使用工作站数据库。此次扫描会自动重新发送（第 {{attempt}} 次，共 {{attempts}} 次）；请拿着包裹，直到显示绿色或黄色。',
    imeTitle: '键盘处于其他语言输入法',
    imeHint:
      '扫描枪正在通过中文/泰文/越南文输入法输入。请把键盘输入法切换为英文 (ABC)（Win+空格 或 Ctrl+空格），然后重新扫描。',
    rawCode: '收到：{{preview}}（{{length}} 个字符）',
    orderId: '订单',
    returnTracking: '退货运单号',
    reason: '原因',
    items: '商品',
    status: '状态',
    carrier: '承运商',
    country: '国家',
    direction: '方向',
    quantity: '× {{quantity}}',
    via: '来自{{source}}',
    recent: '最近扫描',
    recentEmpty: '还没有扫描记录。',
  },
};
export default messages;
