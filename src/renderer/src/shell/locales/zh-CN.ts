import type { ShellMessages } from './en';

const messages: ShellMessages = {
  coreStatus: {
    restarting: '工作站正在重新启动——已确认的操作都不会丢失。请稍候再继续。',
    stopped: '工作站已停止。已确认的操作都已保存；请按屏幕上的提示操作，或联系主管。',
  },
};
export default messages;
