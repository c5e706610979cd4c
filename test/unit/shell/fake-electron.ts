/**
 * A small stand-in for the `electron` module (Electron cannot start on the test machines). It
 * records what the main process asks of Electron and lets a test play Chromium's part: become
 * ready, send an IPC call from a frame, navigate, open a window, quit. `reset()` gives each test a
 * fresh Electron while the module objects the code under test imported stay the same.
 */
import { FakeMessageChannelMain, FakeUtilityProcess } from './fake-utility-process';

type Listener = (...args: unknown[]) => unknown;
type IpcHandler = (event: unknown, ...args: unknown[]) => unknown;

class Emitter {
  readonly listeners = new Map<string, Listener[]>();
  on(event: string, listener: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }
  once(event: string, listener: Listener): this {
    const wrapped: Listener = (...args) => {
      this.off(event, wrapped);
      return listener(...args);
    };
    return this.on(event, wrapped);
  }
  off(event: string, listener: Listener): this {
    this.listeners.set(
      event,
      (this.listeners.get(event) ?? []).filter((l) => l !== listener),
    );
    return this;
  }
  emit(event: string, ...args: unknown[]): void {
    for (const listener of [...(this.listeners.get(event) ?? [])]) listener(...args);
  }
}

export interface FakeEvent {
  url: string;
  defaultPrevented: boolean;
  preventDefault(): void;
}

export function fakeEvent(url = ''): FakeEvent {
  return {
    url,
    defaultPrevented: false,
    preventDefault() {
      this.defaultPrevented = true;
    },
  };
}

export class FakeWebContents extends Emitter {
  private static nextId = 1;
  readonly id = FakeWebContents.nextId++;
  /** What the main process sent the page (webContents.send). */
  readonly sent: { channel: string; args: unknown[] }[] = [];
  send(channel: string, ...args: unknown[]): void {
    this.sent.push({ channel, args });
  }
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
  /** Plays a navigation the page starts; true when the main process let it happen. */
  navigate(
    url: string,
    event: 'will-navigate' | 'will-redirect' | 'will-frame-navigate' = 'will-navigate',
    isMainFrame = true,
  ): boolean {
    const e = { ...fakeEvent(url), isMainFrame };
    e.preventDefault = function () {
      this.defaultPrevented = true;
    };
    this.emit(event, e, url);
    return !e.defaultPrevented;
  }
  /** Plays a page adding a <webview>; true when the main process let it attach. */
  attachWebview(src: string): boolean {
    const e = fakeEvent(src);
    this.emit('will-attach-webview', e, { nodeIntegration: false }, { src });
    return !e.defaultPrevented;
  }
  /** Plays the renderer process dying. */
  crash(reason = 'crashed', exitCode = 1): void {
    this.emit('render-process-gone', fakeEvent(), { reason, exitCode });
  }
}

export class FakeBrowserWindow extends Emitter {
  static readonly instances: FakeBrowserWindow[] = [];
  readonly webContents = new FakeWebContents();
  readonly loadedUrls: string[] = [];
  shown = false;
  destroyed = false;
  /** Set by FakeElectron: Electron emits app 'web-contents-created' for every new web contents. */
  static onCreated: ((win: FakeBrowserWindow) => void) | null = null;
  constructor(readonly options: Record<string, unknown>) {
    super();
    FakeBrowserWindow.instances.push(this);
    FakeBrowserWindow.onCreated?.(this);
  }
  loadURL(url: string): Promise<void> {
    this.loadedUrls.push(url);
    return Promise.resolve();
  }
  show(): void {
    this.shown = true;
  }
  focus(): void {}
  restore(): void {}
  isMinimized(): boolean {
    return false;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  static getAllWindows(): FakeBrowserWindow[] {
    return FakeBrowserWindow.instances.filter((w) => !w.destroyed);
  }
}

export class FakeElectron {
  isPackaged = false;
  singleInstanceLock = true;
  /** Makes ipcRenderer.invoke reject, as Electron does when no handler is registered. */
  noIpcHandler = false;
  paths: Record<string, string> = {};
  appPath = process.cwd();
  appEvents = new Emitter();
  readonly ipcHandlers = new Map<string, IpcHandler>();
  readonly ipcListenChannels: string[] = [];
  readonly errorBoxes: { title: string; content: string }[] = [];
  readonly exposed: { key: string; api: unknown }[] = [];
  readonly invoked: { channel: string; args: unknown[] }[] = [];
  /** Listeners the preload put on ipcRenderer (the main process's pushes). */
  readonly rendererListeners = new Emitter();
  /** Every utility process the app forked (real Node children), in order. */
  readonly utilityProcesses = FakeUtilityProcess.instances;
  readonly protocolHandlers = new Map<string, (request: Request) => Response | Promise<Response>>();
  readonly privilegedSchemes: { scheme: string; privileges?: Record<string, boolean> }[] = [];
  readonly permissionHandlers: Listener[] = [];
  readonly permissionCheckHandlers: Listener[] = [];
  readonly devicePermissionHandlers: Listener[] = [];
  readonly displayMediaHandlers: Listener[] = [];
  readonly sessionEvents = new Emitter();
  readonly openedExternally: string[] = [];
  readonly openedPaths: string[] = [];
  readonly messageBoxes: { type?: string; message: string; detail?: string; buttons?: string[] }[] = [];
  /** Answers for dialog.showMessageBox, in order (button index); a box with none left answers its cancelId. */
  messageBoxAnswers: number[] = [];
  idleSeconds = 0;
  /** safeStorage's state: which Linux backend it reports, whether async encryption is available. */
  storageBackend: 'basic_text' | 'gnome_libsecret' | 'kwallet' | 'kwallet5' | 'kwallet6' | 'unknown' =
    'gnome_libsecret';
  asyncEncryptionAvailable = true;
  readonly exits: number[] = [];
  quits = 0;
  readonly windows = FakeBrowserWindow.instances;
  private markReady: () => void = () => {};
  private readyPromise = this.newReadyPromise();

  constructor() {
    Object.defineProperty(this.module.app, 'isPackaged', { get: () => this.isPackaged });
    FakeBrowserWindow.onCreated = (win) =>
      this.appEvents.emit('web-contents-created', fakeEvent(), win.webContents);
  }

  reset(): void {
    this.isPackaged = false;
    this.singleInstanceLock = true;
    this.noIpcHandler = false;
    this.paths = {};
    this.appPath = process.cwd();
    this.appEvents = new Emitter();
    this.ipcHandlers.clear();
    this.protocolHandlers.clear();
    for (const list of [
      this.ipcListenChannels,
      this.errorBoxes,
      this.exposed,
      this.invoked,
      this.privilegedSchemes,
      this.permissionHandlers,
      this.permissionCheckHandlers,
      this.devicePermissionHandlers,
      this.displayMediaHandlers,
      this.openedExternally,
      this.openedPaths,
      this.messageBoxes,
      this.messageBoxAnswers,
      this.exits,
      FakeBrowserWindow.instances,
    ]) {
      list.length = 0;
    }
    this.quits = 0;
    this.idleSeconds = 0;
    this.storageBackend = 'gnome_libsecret';
    this.asyncEncryptionAvailable = true;
    this.sessionEvents.listeners.clear();
    this.rendererListeners.listeners.clear();
    this.readyPromise = this.newReadyPromise();
  }

  /** Kills the utility processes a test left running (call in afterEach). */
  endUtilityProcesses(): Promise<void> {
    return FakeUtilityProcess.killAll();
  }

  /** Plays the main process pushing a message to the page (webContents.send). */
  pushToRenderer(channel: string, value: unknown): void {
    this.rendererListeners.emit(channel, { sender: {} }, value);
  }

  becomeReady(): void {
    this.markReady();
  }

  /** Calls an IPC handler the way Chromium would for a frame showing `frameUrl`. */
  async invoke(channel: string, frameUrl: string | null, payload: unknown): Promise<unknown> {
    const handler = this.ipcHandlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    return handler({ senderFrame: frameUrl === null ? null : { url: frameUrl }, sender: { id: 1 } }, payload);
  }

  private newReadyPromise(): Promise<void> {
    return new Promise<void>((resolve) => {
      this.markReady = resolve;
    });
  }

  /** What `import … from 'electron'` gives the code under test. */
  readonly module = {
    app: {
      isPackaged: false,
      getPath: (name: string): string => {
        const p = this.paths[name];
        if (!p) throw new Error(`fake app: no path "${name}"`);
        return p;
      },
      getAppPath: () => this.appPath,
      whenReady: () => this.readyPromise,
      requestSingleInstanceLock: () => this.singleInstanceLock,
      on: (event: string, listener: Listener) => this.appEvents.on(event, listener),
      once: (event: string, listener: Listener) => this.appEvents.once(event, listener),
      quit: () => {
        this.quits += 1;
        const e = fakeEvent();
        this.appEvents.emit('before-quit', e);
        if (!e.defaultPrevented) this.appEvents.emit('will-quit', fakeEvent());
      },
      exit: (code = 0) => {
        this.exits.push(code);
      },
      getVersion: () => '0.1.0',
    },
    BrowserWindow: FakeBrowserWindow,
    utilityProcess: {
      fork: (modulePath: string, args?: string[], options?: Record<string, unknown>) =>
        new FakeUtilityProcess(modulePath, args, options),
    },
    MessageChannelMain: FakeMessageChannelMain,
    ipcMain: {
      handle: (channel: string, handler: IpcHandler) => {
        // Electron throws on a second handler for one channel; so does the fake.
        if (this.ipcHandlers.has(channel)) {
          throw new Error(`Attempted to register a second handler for '${channel}'`);
        }
        this.ipcHandlers.set(channel, handler);
      },
      handleOnce: (channel: string, handler: IpcHandler) => this.module.ipcMain.handle(channel, handler),
      removeHandler: (channel: string) => {
        this.ipcHandlers.delete(channel);
      },
      on: (channel: string) => {
        this.ipcListenChannels.push(channel);
      },
      once: (channel: string) => {
        this.ipcListenChannels.push(channel);
      },
    },
    dialog: {
      showErrorBox: (title: string, content: string) => {
        this.errorBoxes.push({ title, content });
      },
      showMessageBox: (options: {
        type?: string;
        message: string;
        detail?: string;
        buttons?: string[];
        cancelId?: number;
      }) => {
        this.messageBoxes.push(options);
        const answer = this.messageBoxAnswers.shift() ?? options.cancelId ?? 0;
        return Promise.resolve({ response: answer, checkboxChecked: false });
      },
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (handler: Listener) => {
          this.permissionHandlers.push(handler);
        },
        setPermissionCheckHandler: (handler: Listener) => {
          this.permissionCheckHandlers.push(handler);
        },
        setDevicePermissionHandler: (handler: Listener) => {
          this.devicePermissionHandlers.push(handler);
        },
        setDisplayMediaRequestHandler: (handler: Listener) => {
          this.displayMediaHandlers.push(handler);
        },
        on: (event: string, listener: Listener) => this.sessionEvents.on(event, listener),
      },
    },
    shell: {
      openExternal: (url: string) => {
        this.openedExternally.push(url);
        return Promise.resolve();
      },
      openPath: (p: string) => {
        this.openedPaths.push(p);
        return Promise.resolve('');
      },
    },
    powerMonitor: {
      getSystemIdleTime: () => this.idleSeconds,
    },
    // A stand-in cipher: reversible, and visibly not the plain text.
    safeStorage: {
      isAsyncEncryptionAvailable: () => Promise.resolve(this.asyncEncryptionAvailable),
      getSelectedStorageBackend: () => this.storageBackend,
      encryptStringAsync: (plain: string) =>
        Promise.resolve(Buffer.from('sealed:' + Buffer.from(plain, 'utf8').toString('base64'), 'latin1')),
      decryptStringAsync: (sealed: Buffer) => {
        const text = sealed.toString('latin1');
        if (!text.startsWith('sealed:'))
          return Promise.reject(new Error('Error while decrypting the ciphertext'));
        return Promise.resolve({
          result: Buffer.from(text.slice('sealed:'.length), 'base64').toString('utf8'),
          shouldReEncrypt: false,
        });
      },
    },
    protocol: {
      registerSchemesAsPrivileged: (schemes: { scheme: string }[]) => {
        this.privilegedSchemes.push(...schemes);
      },
      handle: (scheme: string, handler: (request: Request) => Response) => {
        this.protocolHandlers.set(scheme, handler);
      },
    },
    contextBridge: {
      exposeInMainWorld: (key: string, api: unknown) => {
        this.exposed.push({ key, api });
      },
    },
    ipcRenderer: {
      on: (channel: string, listener: Listener) => {
        this.rendererListeners.on(channel, listener);
      },
      removeListener: (channel: string, listener: Listener) => {
        this.rendererListeners.off(channel, listener);
      },
      invoke: (channel: string, ...args: unknown[]) => {
        this.invoked.push({ channel, args });
        if (this.noIpcHandler) {
          return Promise.reject(
            new Error(`Error invoking remote method '${channel}': No handler registered`),
          );
        }
        return Promise.resolve({ ok: true, value: { channel } });
      },
    },
  };
}

/** One fake per test file (vitest isolates files); `vi.mock('electron', …)` returns `fake.module`. */
export const fake = new FakeElectron();
