import type { SessionMessages } from './en';

const messages: SessionMessages = {
  signIn: {
    title: '登录',
    intro: '主管登录后可以运行每日同步并处理失败的事件。',
    user: '您是谁？',
    pin: 'PIN 码',
    submit: '登录',
  },
};
export default messages;
