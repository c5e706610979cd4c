import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';

export interface Machine {
  cpus: number;
  cpuModel: string;
  memoryGb: number;
  node: string;
  sqlite: string;
  betterSqlite3: string;
  platform: string;
}

/** What the figures were measured on; without it a figure means nothing next to another one. */
export function describeMachine(): Machine {
  const probe = new Database(':memory:');
  try {
    return {
      cpus: os.availableParallelism(),
      cpuModel: cpuModel(),
      memoryGb: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
      node: process.versions.node,
      sqlite: String(probe.prepare('SELECT sqlite_version()').pluck().get()),
      betterSqlite3: packageVersion('better-sqlite3'),
      platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    };
  } finally {
    probe.close();
  }
}

function cpuModel(): string {
  try {
    const info = fs.readFileSync('/proc/cpuinfo', 'utf8');
    const match = /^model name\s*:\s*(.+)$/m.exec(info);
    if (match?.[1]) return match[1].trim();
  } catch {
    // not Linux: fall back to what Node reports
  }
  return os.cpus()[0]?.model ?? 'unknown';
}

function packageVersion(name: string): string {
  try {
    const file = require.resolve(`${name}/package.json`);
    return (JSON.parse(fs.readFileSync(file, 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}
