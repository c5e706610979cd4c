import type { QueueMessages } from './en';

const messages: QueueMessages = {
  queue: {
    title: '待发送队列',
    intro: '本站还需要通知承运商和平台的事件。发送之前都保存在这台电脑上。',
    filter: '显示',
    total: '列表中的事件：{{count}}',
    created: '时间',
    event: '事件',
    about: '对象',
    destination: '目的地',
    status: '状态',
    attempts: '尝试次数',
    empty: '列表为空。',
    previous: '上一页',
    next: '下一页',
    page: '第 {{page}} 页，共 {{pages}} 页',
  },
};
export default messages;
