import { AppError } from '../../../shared/errors';

export interface SendOptions {
  timeoutMs: number;
}

export interface PrinterProbe {
  reachable: boolean;
  /** Zebra `~HS` answer, when asked and answered. */
  hostStatus?: ZebraHostStatus;
}

export interface ZebraHostStatus {
  paperOut: boolean;
  paused: boolean;
  headOpen: boolean;
  ribbonOut: boolean;
  labelsRemaining: number;
}

/**
 * How bytes reach a printer. `send` resolves only when the whole job was accepted: every byte
 * written and the connection ended cleanly. Anything less rejects with a coded AppError
 * (PRINTER_UNREACHABLE, PRINTER_CONNECTION_LOST, PRINTER_TIMEOUT, …) and the job is not printed.
 * Injected, so tests use fake printers and a hub could route to a station's printers.
 */
export interface PrinterTransport {
  send(address: string, bytes: Buffer, options: SendOptions): Promise<void>;
  probe(address: string, options: SendOptions & { zebraHostStatus: boolean }): Promise<PrinterProbe>;
}

export type PrinterAddress =
  | { kind: 'tcp'; host: string; port: number; label: string }
  | { kind: 'spooler'; name: string; label: string }
  | { kind: 'device'; path: string; label: string };

export function parseAddress(address: string): PrinterAddress {
  if (address.startsWith('tcp://')) {
    const m = /^tcp:\/\/([A-Za-z0-9.-]+)(?::(\d{1,5}))?$/.exec(address);
    const port = m?.[2] === undefined ? 9100 : Number(m[2]);
    if (!m || port < 1 || port > 65535)
      throw new AppError('PRINTER_INTERFACE_UNSUPPORTED', { interface: address });
    return { kind: 'tcp', host: m[1] as string, port, label: `${m[1]}:${port}` };
  }
  if (address.startsWith('printer:')) return { kind: 'spooler', name: address.slice(8), label: address };
  if (address.startsWith('/') || /^\\\\\.\\/.test(address) || /^[A-Za-z]:\\/.test(address)) {
    return { kind: 'device', path: address, label: address };
  }
  throw new AppError('PRINTER_INTERFACE_UNSUPPORTED', { interface: address });
}
