import type { DecisionsMessages } from './en';

const messages: DecisionsMessages = {
  decisions: {
    supervisorOnly: '只有已登录的主管可以浏览所有处置决定。',
    query: '搜索：货件码、退货单号、订单号、SKU 或序列号（回车）',
    disposition: '处置',
    status: '状态',
    all: '全部',
    active: '生效中',
    undone: '已撤销',
    when: '时间',
    unit: '货件',
    item: '商品',
    clerk: '决定人',
    suggested: '规则：{{disposition}}',
    empty: '没有符合的决定。',
    more: '更早的决定',
    photos_one: '{{count}} 张照片',
    photos_other: '{{count}} 张照片',
    history: '此货件的所有决定',
    approval: '销毁审批',
    batch: '批次{{status}}',
    events: '发往平台和中心的事件',
    audit: '审计日志',
  },
};

export default messages;
