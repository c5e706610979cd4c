import type { RoutesMessages } from './en';

const messages: RoutesMessages = {
  routes: {
    title: '线路',
    rule: '主线路连续 {{minutes}} 分钟无法连接时，新的任务改走备用线路',
    none: '尚未设置线路：每个包裹都交给创建时指定的承运商。',
    route: '国家 / 卖家',
    countrySeller: '{{country}} · 卖家 {{seller}}',
    primary: '主线路',
    backup: '备用线路',
    noBackup: '无',
    active: '接收新任务',
    sentToBackup: '改走备用（24 小时）',
    downSince: '自 {{time}} 起无法连接',
    line: { primary: '主线路', backup: '备用线路' },
    form: {
      failoverAfter: '多少分钟后切换到备用线路',
      saveFailover: '保存切换时间',
      add: '添加线路',
      edit: '编辑',
      delete: '删除',
      editRoute: '编辑线路 {{route}}',
      deleteRoute: '删除线路 {{route}}',
      actions: '修改',
      newTitle: '新线路',
      editTitle: '编辑线路',
      country: '国家（2 个字母）',
      seller: '卖家（可选）',
      everySeller: '所有卖家',
      choose: '选择承运商账户',
      noBackup: '无备用线路',
      save: '保存线路',
      cancel: '取消',
    },
    reason: {
      primary_up: '主线路正常响应。',
      primary_down_briefly: '主线路无法连接，但未满 {{minutes}} 分钟。',
      primary_down: '主线路已超过 {{minutes}} 分钟无法连接；已排队的任务继续等待主线路。',
      no_backup: '主线路无法连接，且此线路没有备用线路。',
      backup_down: '两条线路都无法连接；任务留在主线路。',
    },
  },
};

export default messages;
