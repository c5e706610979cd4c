import type { CutoffsMessages } from './en';

const messages: CutoffsMessages = {
  cutoffs: {
    keys: {
      move: '选择',
      confirm: '确认',
      edit: '修改截单时间',
      cancel: '返回',
    },
    action: {
      next_pickup: '下次揽收',
      note: '备注',
      rebook: '改派',
    },
    notice: {
      next_pickup: '{{orderRef}} 等待下次揽收。',
      note: '{{orderRef}} 已按你的备注确认。',
      rebook: '{{orderRef}}：面单已作废，打包台会重新选择线路。',
      saved: '{{orderRef}} 的截单时间已保存。',
      reset: '{{orderRef}} 的截单时间已恢复默认。',
    },
    none: '没有包裹错过截单时间。',
    col: {
      order: '订单',
      carrier: '承运商',
      packedAt: '打包时间',
      cutoff: '错过的截单',
      nextPickup: '下次揽收',
      risk: '延误风险',
      resolution: '处理',
      market: '市场',
      lastPickup: '最晚揽收',
      days: '揽收日',
      source: '来源',
    },
    noLabel: '还没有面单',
    open: '未处理',
    resolved: {
      next_pickup: '等待下次揽收',
      note: '已确认',
      rebook: '已改派',
    },
    confirm: {
      next_pickup: '{{orderRef}} 等待下一次 {{carrier}} 揽收。按 Enter 确认。',
      note: '确认 {{orderRef}}：写明原因，然后按 Enter。',
      rebook: '作废 {{orderRef}} 的 {{carrier}} 面单并退回重新选择线路？按 Enter 确认。',
    },
    noteLabel: '备注（必填）',
    confirmButton: '确认',
    tableTitle: '各承运商的截单时间',
    anyCarrier: '任何承运商',
    anyMarket: '任何市场',
    workingWeek: '工作周：',
    source: {
      station: '由 {{name}} 设置',
      official: '承运商规定',
      reference: '我们的参考资料',
      community: '社区来源',
      ours: '我们的假设',
    },
    save: '保存',
    reset: '恢复默认',
  },
  stepUp: {
    purpose: {
      packCutoffResolve: '处理一个错过截单时间的包裹。',
      packCutoffSet: '修改承运商的截单时间。',
    },
  },
  errorDetails: {
    VALIDATION_FAILED: {
      cutoff_time: '最晚揽收时间请写成 HH:MM，例如 17:00。',
    },
  },
};

export default messages;
