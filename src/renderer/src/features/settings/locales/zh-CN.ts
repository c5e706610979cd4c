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
    packPhoto: '封箱前拍照（打包台，拍打开的包裹）',
    packPhoto_required: '必须',
    packPhoto_none: '关闭',
    idleMinutes: '主管无操作多少分钟后自动退出登录',
    scaleKind: '包装秤',
    scaleKinds: {
      none: '无秤（手动输入重量）',
      'mt-sics': '梅特勒-托利多（MT-SICS，串口）',
      cas: 'CAS（串口）',
      'hid-pos': 'USB HID POS 秤',
    },
    scaleAddress: '秤的地址',
    scaleAddressHint: '串口转网络桥接填 tcp://主机:端口，或填设备路径，如 /dev/ttyUSB0、/dev/hidraw0。',
    supervisorOnly:
      '工作站名称、跟踪提醒、自动退出时间和质检撤销时间会改变工作站的行为：保存时需要主管批准。语言和提示音可以自行设置。',
    save: '保存',
    saved: '已保存。',
    stationKey: '工作站链接',
    stationKeyHint:
      '每个屏幕在重启后仍保留它的链接。如需让所有持有该链接的屏幕失效（电脑已离开仓库、链接被外传），请管理员生成新密钥，然后在每个屏幕上打开新链接。',
    rotateKey: '生成新的工作站密钥',
    newLink: '新链接（本屏幕已在使用）：',
  },
};

export default messages;
