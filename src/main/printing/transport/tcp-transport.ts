import net from 'node:net';
import { AppError } from '../../../shared/errors';
import type { PrinterProbe, SendOptions } from './printer-transport';
import { parseHostStatus } from './zebra-host-status';

/**
 * Raw TCP (port 9100, "JetDirect"). We write the job and half-close; a printer that received it
 * all closes its side in turn. Printed means: every byte flushed, the printer's FIN seen, and the
 * socket closed without error. A reset, an early close or silence is never counted as printed.
 */
export function sendTcp(host: string, port: number, bytes: Buffer, options: SendOptions): Promise<void> {
  const label = `${host}:${port}`;
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port });
    let connected = false;
    let flushed = false;
    let peerEnded = false;
    let settled = false;
    const fail = (err: AppError): void => {
      if (settled) return;
      settled = true;
      socket.destroy();
      reject(err);
    };
    socket.setTimeout(options.timeoutMs, () =>
      fail(
        new AppError('PRINTER_TIMEOUT', { printer: label, sent: socket.bytesWritten, total: bytes.length }),
      ),
    );
    socket.once('connect', () => {
      connected = true;
      socket.end(bytes, () => {
        flushed = true;
      });
    });
    socket.on('data', () => {}); // a printer may answer (status bytes); read it so it cannot stall us
    socket.once('end', () => {
      peerEnded = true;
    });
    socket.once('error', (err: NodeJS.ErrnoException) => {
      if (!connected)
        fail(
          new AppError(
            'PRINTER_UNREACHABLE',
            { printer: label, reason: err.code ?? err.message },
            { cause: err },
          ),
        );
      else
        fail(
          new AppError(
            'PRINTER_CONNECTION_LOST',
            { printer: label, sent: socket.bytesWritten, total: bytes.length },
            { cause: err },
          ),
        );
    });
    socket.once('close', (hadError) => {
      if (settled) return;
      if (!hadError && flushed && peerEnded && socket.bytesWritten >= bytes.length) {
        settled = true;
        resolve();
      } else {
        fail(
          new AppError('PRINTER_CONNECTION_LOST', {
            printer: label,
            sent: socket.bytesWritten,
            total: bytes.length,
          }),
        );
      }
    });
  });
}

/** Connects; for a Zebra also sends `~HS` and reads its three status lines. */
export function probeTcp(
  host: string,
  port: number,
  options: SendOptions & { zebraHostStatus: boolean },
): Promise<PrinterProbe> {
  const label = `${host}:${port}`;
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port });
    let answer = '';
    let settled = false;
    const done = (value: PrinterProbe | AppError): void => {
      if (settled) return;
      settled = true;
      socket.destroy();
      if (value instanceof AppError) reject(value);
      else resolve(value);
    };
    socket.setTimeout(options.timeoutMs, () =>
      done(new AppError('PRINTER_TIMEOUT', { printer: label, sent: 0, total: 0 })),
    );
    socket.once('connect', () => {
      if (!options.zebraHostStatus) done({ reachable: true });
      else socket.write('~HS');
    });
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => {
      answer += chunk;
      const status = parseHostStatus(answer);
      if (status) done({ reachable: true, hostStatus: status });
    });
    socket.once('error', (err: NodeJS.ErrnoException) =>
      done(
        new AppError(
          'PRINTER_UNREACHABLE',
          { printer: label, reason: err.code ?? err.message },
          { cause: err },
        ),
      ),
    );
    socket.once('close', () =>
      done(new AppError('PRINTER_CONNECTION_LOST', { printer: label, sent: 0, total: 0 })),
    );
  });
}
