import type { RoutesMessages } from './en';

const messages: RoutesMessages = {
  routes: {
    title: 'Tuyến',
    rule: 'Việc mới chuyển sang tuyến dự phòng khi tuyến chính không liên lạc được trong {{minutes}} phút',
    none: 'Chưa có tuyến nào: mỗi kiện đi với hãng vận chuyển đã chọn khi tạo.',
    route: 'Quốc gia / người bán',
    countrySeller: '{{country}} · người bán {{seller}}',
    primary: 'Tuyến chính',
    backup: 'Tuyến dự phòng',
    noBackup: 'không có',
    active: 'Nhận việc mới',
    sentToBackup: 'Gửi sang dự phòng (24 giờ)',
    downSince: 'không liên lạc được từ {{time}}',
    line: { primary: 'Chính', backup: 'Dự phòng' },
    form: {
      failoverAfter: 'Chuyển sang dự phòng sau (phút)',
      saveFailover: 'Lưu thời gian chuyển',
      add: 'Thêm tuyến',
      edit: 'Sửa',
      delete: 'Xoá',
      editRoute: 'Sửa tuyến {{route}}',
      deleteRoute: 'Xoá tuyến {{route}}',
      actions: 'Thay đổi',
      newTitle: 'Tuyến mới',
      editTitle: 'Sửa tuyến',
      country: 'Quốc gia (2 chữ)',
      seller: 'Người bán (không bắt buộc)',
      everySeller: 'mọi người bán',
      choose: 'Chọn tài khoản hãng vận chuyển',
      noBackup: 'Không có tuyến dự phòng',
      save: 'Lưu tuyến',
      cancel: 'Huỷ',
    },
    reason: {
      primary_up: 'Tuyến chính phản hồi bình thường.',
      primary_down_briefly: 'Tuyến chính không liên lạc được, nhưng chưa tới {{minutes}} phút.',
      primary_down:
        'Tuyến chính đã không liên lạc được hơn {{minutes}} phút; việc đã xếp hàng vẫn chờ tuyến chính.',
      no_backup: 'Tuyến chính không liên lạc được và tuyến này không có dự phòng.',
      backup_down: 'Cả hai tuyến đều không liên lạc được; việc vẫn ở tuyến chính.',
    },
  },
};

export default messages;
