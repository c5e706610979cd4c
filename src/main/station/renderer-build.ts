import fs from 'node:fs';
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
  const index = path.join(outDir, 'index.html');
  const built = fs.existsSync(index) ? fs.statSync(index).mtimeMs : 0;
  const sources = Math.max(
    newestMtime(path.join(packageRoot, 'src', 'renderer')),
    newestMtime(path.join(packageRoot, 'src', 'shared')),
  );
  if (built > sources) return outDir;
  log('building the screens (once, about 10 s)…');
  const { build } = await import('electron-vite');
  await build({
    root: packageRoot,
    configFile: path.join(packageRoot, 'electron.vite.config.ts'),
    logLevel: 'warn',
  });
  return outDir;
}
