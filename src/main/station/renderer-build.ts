import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/** Newest modification time of any file below `dir` (0 when it does not exist). */
function newestMtime(dir: string): number {
  let newest = 0;
  if (!fs.existsSync(dir)) return 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    newest = Math.max(newest, fs.statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

/**
 * The station serves the renderer electron-vite builds. Build it when it is missing or older than
 * its sources, so `lastmile station` works right after `npm install` with no separate build step.
 */
export async function ensureRendererBuilt(packageRoot: string, log: (line: string) => void): Promise<string> {
  const outDir = path.join(packageRoot, 'out', 'renderer');
  if (isFresh(packageRoot, outDir)) return outDir;
  // Two stations (or a test run and a station) starting together must not build into one folder at once.
  await withBuildLock(path.join(packageRoot, 'out', '.renderer-build.lock'), async () => {
    if (isFresh(packageRoot, outDir)) return;
    log('building the screens (once, about 10 s)…');
    await runBuild(packageRoot);
  });
  return outDir;
}

/** A full build now (packaging), under the same lock, so it never races a station's build. */
export async function rebuildApp(packageRoot: string, log: (line: string) => void): Promise<void> {
  await withBuildLock(path.join(packageRoot, 'out', '.renderer-build.lock'), async () => {
    log('building main, preload and screens…');
    await runBuild(packageRoot);
  });
}

function isFresh(packageRoot: string, outDir: string): boolean {
  const index = path.join(outDir, 'index.html');
  const built = fs.existsSync(index) ? fs.statSync(index).mtimeMs : 0;
  const sources = Math.max(
    newestMtime(path.join(packageRoot, 'src', 'renderer')),
    newestMtime(path.join(packageRoot, 'src', 'shared')),
  );
  return built > sources;
}

const LOCK_WAIT_MS = 5 * 60_000;

/** A directory as a cross-process lock; one left by a process that died is taken over. */
async function withBuildLock(lock: string, fn: () => Promise<void>): Promise<void> {
  fs.mkdirSync(path.dirname(lock), { recursive: true });
  const deadline = Date.now() + LOCK_WAIT_MS;
  for (;;) {
    try {
      fs.mkdirSync(lock);
      fs.writeFileSync(path.join(lock, 'pid'), String(process.pid));
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      if (lockIsStale(lock)) {
        fs.rmSync(lock, { recursive: true, force: true });
        continue;
      }
      if (Date.now() > deadline) throw new Error(`another build holds ${lock}; remove it if none runs`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  try {
    await fn();
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

function lockIsStale(lock: string): boolean {
  let pid: number;
  try {
    pid = Number(fs.readFileSync(path.join(lock, 'pid'), 'utf8'));
  } catch {
    // Between the holder's mkdir and its pid write; only a lock that stays pid-less this long is dead.
    try {
      return Date.now() - fs.statSync(lock).mtimeMs > 10_000;
    } catch {
      return false;
    }
  }
  if (!Number.isInteger(pid) || pid <= 0) return true;
  try {
    process.kill(pid, 0);
    return false;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/**
 * electron-vite resolves the renderer's root against the working directory, so the build runs in
 * its own process started in the package root: `lastmile station` then works from any folder.
 */
function runBuild(packageRoot: string): Promise<void> {
  const requireHere = createRequire(path.join(packageRoot, 'package.json'));
  const cli = path.join(
    path.dirname(requireHere.resolve('electron-vite/package.json')),
    'bin',
    'electron-vite.js',
  );
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, 'build', '--logLevel', 'warn'], {
      cwd: packageRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (output += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (output += d));
    child.once('error', reject);
    child.once('close', (code) => {
      if (code === 0) resolve();
      else reject(new Error(`building the screens failed (exit ${String(code)}):\n${output.slice(-4000)}`));
    });
  });
}
