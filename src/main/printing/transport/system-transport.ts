import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { AppError } from '../../../shared/errors';
import {
  parseAddress,
  type PrinterProbe,
  type PrinterTransport,
  type SendOptions,
} from './printer-transport';
import { probeTcp, sendTcp } from './tcp-transport';

/**
 * The real transport: raw TCP, a device path (USB `/dev/usb/lp0`, `\\.\COM1`), or the OS spooler
 * (`printer:NAME` through CUPS `lp -o raw`, where the station runs on Linux or macOS).
 */
export function createSystemTransport(options: { platform?: NodeJS.Platform } = {}): PrinterTransport {
  const platform = options.platform ?? process.platform;
  return {
    async send(address: string, bytes: Buffer, opts: SendOptions): Promise<void> {
      const a = parseAddress(address);
      if (a.kind === 'tcp') return sendTcp(a.host, a.port, bytes, opts);
      if (a.kind === 'device') return writeDevice(a.path, bytes);
      if (platform === 'win32') {
        // Raw printing through the Windows spooler needs a native driver module we do not ship.
        throw new AppError('PRINTER_INTERFACE_UNSUPPORTED', { interface: address });
      }
      return sendToSpooler(a.name, bytes, opts);
    },
    async probe(address: string, opts): Promise<PrinterProbe> {
      const a = parseAddress(address);
      if (a.kind === 'tcp') return probeTcp(a.host, a.port, opts);
      if (a.kind === 'device') {
        try {
          fs.accessSync(a.path, fs.constants.W_OK);
          return { reachable: true };
        } catch (err) {
          throw new AppError('PRINTER_UNREACHABLE', {
            printer: a.path,
            reason: (err as NodeJS.ErrnoException).code ?? 'ERROR',
          });
        }
      }
      return { reachable: platform !== 'win32' };
    },
  };
}

function writeDevice(path: string, bytes: Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    const stream = fs.createWriteStream(path, { flags: 'w' });
    stream.once('error', (err: NodeJS.ErrnoException) =>
      reject(
        new AppError(
          'PRINTER_UNREACHABLE',
          { printer: path, reason: err.code ?? err.message },
          { cause: err },
        ),
      ),
    );
    stream.end(bytes, () => resolve());
  });
}

function sendToSpooler(name: string, bytes: Buffer, opts: SendOptions): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('lp', ['-d', name, '-o', 'raw'], {
      stdio: ['pipe', 'ignore', 'pipe'],
      timeout: opts.timeoutMs,
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.once('error', (err: NodeJS.ErrnoException) =>
      reject(
        new AppError('PRINTER_UNREACHABLE', { printer: `printer:${name}`, reason: err.code ?? err.message }),
      ),
    );
    child.once('close', (code) => {
      if (code === 0) resolve();
      else
        reject(
          new AppError('PRINTER_UNREACHABLE', {
            printer: `printer:${name}`,
            reason: stderr.trim().slice(0, 120) || `lp exit ${code}`,
          }),
        );
    });
    child.stdin.end(bytes);
  });
}
