import type { CarrierAccountsMessages } from './en';

const messages: CarrierAccountsMessages = {
  carrierAccounts: {
    title: '承运商账户',
    intro:
      '本工作站同步所用的承运商和平台账户的密钥。它们加密保存在这台电脑上，之后不再显示：只能看到是否已设置，较长的密钥还会显示最后四个字符。',
    adminOnly: '请以管理员身份登录，以查看和修改承运商账户。',
    none: '本工作站还没有配置任何承运商或平台账户。',
    storage: '密钥的保护方式：{{backend}}',
    storageUnavailable: '这台电脑上没有可用的密钥存储：无法保存或读取密钥。',
    weakWarning:
      '警告：这台电脑没有密钥环（{{backend}}）。密钥将用应用内置的密钥加密，任何复制数据文件夹的人都能解开。如有可能，请先设置密钥环（GNOME Keyring 或 KWallet）。',
    confirmWeak: '仍然保存：我已阅读上述警告',
    set: '已设置',
    setEnding: '已设置，末尾为 …{{lastFour}}',
    notSet: '未设置',
    changed: '{{when}} 由 {{by}} 修改',
    unknownKind: '此版本没有该账户的连接器；其已保存的密钥只能清除。',
    save: '保存',
    test: '测试连接',
    testing: '正在测试…',
    clear: '清除',
    confirmClear: '清除 {{account}} 的所有密钥？在输入新密钥之前，与它的同步将停止。',
    yesClear: '确认清除',
    keep: '保留',
    saved: '已保存。',
    cleared: '已清除。',
    nothingTyped: '请先输入新值。',
    renewed:
      '{{carrier}} 在测试时更新了{{fields}}：输入的值已失效。请点击“保存”以保留更新后的值（保存前由本工作站保管，不会显示）。',
    backend: {
      'key-file': '数据文件夹中的密钥文件（仅当前用户可读）',
      dpapi: 'Windows（DPAPI）',
      keychain: 'macOS 钥匙串',
      gnome_libsecret: 'GNOME 密钥环',
      kwallet: 'KWallet',
      kwallet5: 'KWallet 5',
      kwallet6: 'KWallet 6',
    },
    field: {
      clientSecret: '客户端密钥',
      apiKey: 'API 密钥',
      webhookSecret: 'Webhook 密钥',
      privateKey: '私钥',
      password: '密码',
      appSecret: '应用密钥',
      accessToken: '访问令牌',
      refreshToken: '刷新令牌',
    },
    result: {
      ok: '连接正常：{{carrier}} 接受了凭据。',
      auth: '{{carrier}} 拒绝了凭据。请检查后重新输入。',
      timeout: '{{carrier}} 在 {{seconds}} 秒内没有响应。请检查网络后再测试。',
      network: '无法连接 {{carrier}}。请检查网络以及同步配置中的地址。',
      throttled: '{{carrier}} 正在限制此账户的请求。请一分钟后再试。',
      server: '{{carrier}} 目前出现故障。请稍后再试。',
      config: '{{carrier}} 有响应，但账户设置与配置不符（{{field}}）。',
      cancelled: '测试在 {{carrier}} 响应之前已停止。',
      missing_secret: '尚未保存 {{field}}。请先输入，然后再测试。',
      other: '测试失败：{{detail}}',
    },
  },
};

export default messages;
