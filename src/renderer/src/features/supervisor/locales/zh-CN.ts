import type { SupervisorMessages } from './en';

const messages: SupervisorMessages = {
  supervisor: {
    title: '主管',
    asYourself: '已以 {{name}} 登录：操作以您本人的名义进行。',
    atClerkScreen: '在质检员的屏幕上：每项操作都需要主管刷工牌或输入 PIN。',
    tabs: {
      approvals: '审批',
      batches: '销毁批次',
      rules: '处置规则',
      shift: '质检班次',
      decisions: '处置记录',
      exceptions: '异常',
      cutoffs: '截单时间',
    },
  },
  stepUp: {
    purpose: {
      qcApproveDestroy: '批准销毁这些退货件。',
      qcRejectDestroy: '拒绝这些销毁并改为其他处置。',
      qcCloseBatch: '关闭销毁批次并签发证书。',
      qcResolveException: '处理隔离中的意外包裹。',
    },
  },
  supervision: {
    rejectReason: {
      repairable: '可以维修',
      resellable: '仍可销售',
      evidence_insufficient: '证据不足',
      wrong_grade: '等级判定错误',
      seller_wants_it_back: '卖家要求退回',
      other: '其他（请填写备注）',
    },
  },
};

export default messages;
