/** English texts of the carrier accounts section (Settings): the reference every other language must match. */
const messages = {
  carrierAccounts: {
    title: 'Carrier accounts',
    intro:
      'The secrets of the carrier and platform accounts this station syncs with. They are stored encrypted on this PC and never shown again: you see only whether one is set and, for a long one, its last four characters.',
    adminOnly: 'Sign in as an admin to see and change carrier accounts.',
    none: 'No carrier or platform account is configured on this station yet.',
    storage: 'Secrets are protected by: {{backend}}',
    storageUnavailable: 'No secret store answers on this PC: secrets cannot be stored or read.',
    weakWarning:
      'Warning: this PC has no keyring ({{backend}}). Secrets would be encrypted with a key built into the app, which anyone who copies the data folder can undo. Set up a keyring (GNOME Keyring or KWallet) if you can.',
    confirmWeak: 'Store anyway: I have read the warning',
    set: 'set',
    setEnding: 'set, ending …{{lastFour}}',
    notSet: 'not set',
    changed: 'changed {{when}} by {{by}}',
    unknownKind: 'This build has no connector for this account; its stored secrets can only be cleared.',
    save: 'Save',
    test: 'Test connection',
    testing: 'Testing…',
    clear: 'Clear',
    confirmClear: 'Clear every secret of {{account}}? Sync with it stops until new ones are entered.',
    yesClear: 'Yes, clear',
    keep: 'Keep',
    saved: 'Saved.',
    cleared: 'Cleared.',
    nothingTyped: 'Type a new value first.',
    renewed:
      '{{carrier}} renewed the {{fields}} during the test: the value typed no longer works. Press Save to keep the renewed one (this station holds it until then, never shown).',
    backend: {
      'key-file': 'a key file in the data folder, readable only by this user',
      dpapi: 'Windows (DPAPI)',
      keychain: 'the macOS Keychain',
      gnome_libsecret: 'GNOME Keyring',
      kwallet: 'KWallet',
      kwallet5: 'KWallet 5',
      kwallet6: 'KWallet 6',
    },
    field: {
      clientSecret: 'Client secret',
      apiKey: 'API key',
      webhookSecret: 'Webhook secret',
      privateKey: 'Private key',
      password: 'Password',
      appSecret: 'App secret',
      accessToken: 'Access token',
      refreshToken: 'Refresh token',
    },
    result: {
      ok: 'Connection works: {{carrier}} accepted the credentials.',
      auth: '{{carrier}} refused the credentials. Check them and enter them again.',
      timeout: 'No answer from {{carrier}} in {{seconds}} s. Check the network, then test again.',
      network: 'Cannot reach {{carrier}}. Check the network and the address in the sync configuration.',
      throttled: '{{carrier}} is limiting requests from this account. Try again in a minute.',
      server: '{{carrier}} has problems right now. Try again later.',
      config: '{{carrier}} answers, but the account is not set up as configured ({{field}}).',
      cancelled: 'The test stopped before {{carrier}} answered.',
      missing_secret: 'No {{field}} is stored yet. Enter it, then test again.',
      other: 'The test failed: {{detail}}',
    },
  },
};

export type CarrierAccountsMessages = typeof messages;
export default messages;
