import fs from 'node:fs';
import path from 'node:path';

/** Where the station last served, so `lastmile station --print-url` can print the link again. */
const ADDRESS_FILE = 'station.json';

export function rememberPort(dataDir: string, port: number): void {
  fs.writeFileSync(path.join(dataDir, ADDRESS_FILE), JSON.stringify({ port }) + '\n');
}

export function rememberedPort(dataDir: string): number | null {
  try {
    const parsed: unknown = JSON.parse(fs.readFileSync(path.join(dataDir, ADDRESS_FILE), 'utf8'));
    const port = (parsed as { port?: unknown }).port;
    return typeof port === 'number' && Number.isInteger(port) && port > 0 && port < 65536 ? port : null;
  } catch {
    return null;
  }
}

/** The link that opens the station with its key; the key rides in the fragment, which is never sent. */
export function stationOpenUrl(port: number, token: string): string {
  return `http://127.0.0.1:${port}/#token=${token}`;
}
