import { open } from 'node:fs/promises';
import net from 'node:net';
import { Duplex } from 'node:stream';
import type { ScaleAddress } from '../../shared/scales/station-scale-settings';

/**
 * Opens the byte line to a scale. Injected into StationScale so a test can hand it any stream;
 * the default opens a TCP-serial bridge or a device file with plain Node (no native module).
 */
export type ScaleTransportOpener = (address: ScaleAddress) => Promise<Duplex>;

const CONNECT_TIMEOUT_MS = 3_000;

export const openScaleTransport: ScaleTransportOpener = (address) =>
  address.kind === 'tcp' ? openTcp(address.host, address.port) : openDeviceFile(address.path);

function openTcp(host: string, port: number): Promise<Duplex> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port });
    const fail = (err: Error) => {
      socket.destroy();
      reject(err);
    };
    socket.setTimeout(CONNECT_TIMEOUT_MS, () => fail(new Error(`no answer from ${host}:${port}`)));
    socket.once('error', fail);
    socket.once('connect', () => {
      socket.off('error', fail);
      socket.setTimeout(0);
      // A bridge that lost power sends no FIN: keep-alive is what notices it, polls alone would not.
      socket.setKeepAlive(true, 5_000);
      socket.setNoDelay(true);
      resolve(socket);
    });
  });
}

/**
 * A serial device (`/dev/ttyUSB0`), a hidraw node or a Windows COM device read and written as a
 * file. Each read of a hidraw node is one report, so chunks stay small. A read on a device blocks
 * a libuv worker until bytes come; closing does not wait for that read (the descriptor is closed
 * once it returns), so stopping the core never hangs on a quiet scale.
 */
async function openDeviceFile(path: string): Promise<Duplex> {
  const handle = await open(path, 'r+');
  const input = handle.createReadStream({ autoClose: false, highWaterMark: 64 });
  const line = new Duplex({
    read: () => {
      input.resume();
    },
    write: (chunk: Buffer, _encoding, done) => {
      handle.write(chunk).then(
        () => done(),
        (err: unknown) => done(err instanceof Error ? err : new Error(String(err))),
      );
    },
    destroy: (err, done) => {
      input.destroy();
      handle.close().catch(() => undefined);
      done(err);
    },
  });
  input.on('data', (chunk) => {
    if (!line.push(chunk)) input.pause();
  });
  // A device that goes away fails its next read (EIO, ENODEV): the scale shows unplugged.
  input.on('end', () => line.push(null));
  input.on('error', (err) => line.destroy(err));
  return line;
}
