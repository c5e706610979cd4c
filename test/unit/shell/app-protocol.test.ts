import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAppProtocolHandler } from '../../../src/main/shell/app-protocol';

let root: string;
let rendererDir: string;

beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'lastmile-protocol-'));
  rendererDir = path.join(root, 'renderer');
  fs.mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>app</title>');
  fs.writeFileSync(path.join(rendererDir, 'assets', 'main.js'), 'console.log(1)');
  fs.writeFileSync(path.join(root, 'secret.txt'), 'outside the renderer');
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

describe('the app:// protocol', () => {
  it('serves the built renderer with the CSP as a header', async () => {
    const handle = createAppProtocolHandler(rendererDir);
    const page = handle(new Request('app://lastmile/index.html'));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(await page.text()).toContain('<title>app</title>');

    const script = handle(new Request('app://lastmile/assets/main.js'));
    expect(script.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(await script.text()).toBe('console.log(1)');
  });

  it('never serves a file outside the renderer folder', async () => {
    const handle = createAppProtocolHandler(rendererDir);
    for (const url of [
      'app://lastmile/../secret.txt',
      'app://lastmile/%2e%2e/secret.txt',
      'app://lastmile/..%2fsecret.txt',
    ]) {
      const body = await handle(new Request(url)).text();
      expect(body, url).not.toContain('outside the renderer');
    }
  });

  it('answers 404 for another host or a non-GET request', () => {
    const handle = createAppProtocolHandler(rendererDir);
    expect(handle(new Request('app://other/index.html')).status).toBe(404);
    expect(handle(new Request('app://lastmile/index.html', { method: 'POST', body: 'x' })).status).toBe(404);
  });
});
