import type { ShiftMessages } from './en';

const messages: ShiftMessages = {
  shift: {
    supervisorOnly: '只有已登录的主管可以查看所有质检员的班次。',
    window: '时段',
    windows: { today: '今天', yesterday: '昨天', week: '最近 7 天' },
    clerk: '质检员',
    parcels: '包裹',
    items: '件数',
    overrides: '改判',
    pending: '待审批',
    exceptions: '意外退货',
    undos: '撤销',
    median: '每件秒数（中位）',
    p90: '每件秒数（90%）',
    total: '全部质检员',
    empty: '此时段没有质检工作。',
  },
};

export default messages;
