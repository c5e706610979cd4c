import type { ShellMessages } from './en';

const messages: ShellMessages = {
  coreStatus: {
    restarting: 'Trạm đang khởi động lại — những gì bạn đã xác nhận không bị mất. Chờ một chút rồi làm tiếp.',
    stopped:
      'Trạm đã dừng. Mọi thứ bạn đã xác nhận đều được lưu; làm theo thông báo trên màn hình hoặc gọi giám sát viên.',
  },
};
export default messages;
