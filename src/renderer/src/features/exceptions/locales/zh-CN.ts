import type { ExceptionsMessages } from './en';

const messages: ExceptionsMessages = {
  exceptions: {
    supervisorOnly: '只有已登录的主管可以处理意外退货。',
    status: { open: '隔离中', resolved: '已处理' },
    done: '已处理，已通知中心。',
    raised: '登记人',
    bin: '隔离库位',
    note: '质检员备注',
    resolution: '处理结果',
    photos_one: '（{{count}} 张照片）',
    photos_other: '（{{count}} 张照片）',
    open: '未处理',
    kind: { matched: '已匹配到', disposed: '已处置' },
    disposal: { return_to_sender: '退回寄件人', scrap: '报废', donate: '捐赠' },
    how: { match: '找到了退货单', dispose: '无人认领' },
    returnOrder: '退货单编号',
    disposalLabel: '包裹如何处置',
    noteRequired: '备注（必填，至少 3 个字）',
    noteOptional: '备注（可选）',
    resolve: '处理',
    empty: { open: '隔离区没有包裹。', resolved: '还没有已处理的异常。' },
  },
};

export default messages;
