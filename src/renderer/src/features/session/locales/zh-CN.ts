import type { SessionMessages } from './en';

const messages: SessionMessages = {
  signIn: {
    title: '登录',
    intro: '主管登录后可以运行每日同步并处理失败的事件。',
    user: '您是谁？',
    badge: '工牌',
    badgeHint: '也可以扫描您的工牌。',
    pickInstead: '改为选择姓名',
    pin: 'PIN 码',
    submit: '登录',
  },
  changePin: {
    title: '修改 PIN 码',
    intro: '{{name}}，请设置新的 PIN 码。',
    forcedTitle: '设置您自己的 PIN 码',
    forcedIntro:
      '{{name}}，您登录所用的 PIN 码是别人为您设置的（或是工作站的默认 PIN 码）。开始工作前请设置您自己的 PIN 码；设置完成前您尚未登录。',
    current: '当前 PIN 码',
    new: '新 PIN 码',
    repeat: '再次输入新 PIN 码',
    rules: '4 到 12 位数字；不能是同一个数字重复，不能是 1234 这样的连续数字，不能与旧 PIN 码相同。',
    mismatch: '两次输入的新 PIN 码不一致。',
    submit: '保存新 PIN 码',
  },
  stepUp: {
    title: '主管批准',
    intro: '请主管扫描工牌（或选择姓名）并输入 PIN 码。此操作不会让任何人登录。',
    who: '主管',
    pin: '主管的 PIN 码',
    approve: '批准',
    purpose: {
      retryDeadLetter: '将这个失败的事件重新发送给承运商。',
      discardDeadLetter: '永久丢弃这个失败的事件。',
      updateSettings: '修改只有主管才能修改的工作站设置。',
      resetPin: '为其他用户设置新的 PIN 码。',
      assignBadge: '为用户分配工牌。',
      rotateStationToken: '生成新的工作站密钥（所有打开的屏幕都需要新链接）。',
      other: '批准此操作。',
    },
  },
  notice: {
    idle: '{{name}} 已在 {{idleMinutes}} 分钟无操作后自动退出登录。此屏幕现在以 {{operator}} 的身份工作。',
    restarted:
      '工作站已重启，所有人都已退出登录（包括 {{name}}）。此屏幕现在以 {{operator}} 的身份工作；如有需要请重新登录。',
    ok: '知道了',
  },
};
export default messages;
