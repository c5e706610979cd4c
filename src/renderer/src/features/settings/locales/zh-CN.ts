import type { SettingsMessages } from './en';

const messages: SettingsMessages = {
  settings: {
    title: '设置',
    stationName: '工作站名称',
    language: '语言',
    sound: '每次扫描时提示音',
    soundOn: '开',
    soundOff: '关',
    staleHours: '超过多少小时没有物流更新时标记包裹',
    qcUndoMinutes: '质检台：可撤销时间（分钟，0 = 不可撤销）',
    save: '保存',
    saved: '已保存。',
  },
};

export default messages;
