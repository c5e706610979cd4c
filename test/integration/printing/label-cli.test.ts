import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { TEMPLATES } from '../../../src/main/printing/templates';
import { runChild } from '../../helpers/child-process';
import { decodePng } from '../../helpers/printing/barcode-reader';
import { FakePrinter } from '../../helpers/printing/fake-printer';
import { TempDirs } from '../../helpers/temp-dir';

const dirs = new TempDirs();
afterAll(() => dirs.cleanup());
const cli = (...args: string[]) => runChild(process.execPath, ['bin/lastmile.js', 'label', ...args]);

describe('lastmile label', () => {
  it('lists the templates, one a line, and prints a template’s example data', async () => {
    const list = await cli('--list');
    expect(list.code).toBe(0);
    expect(list.stdout.trim().split('\n')).toEqual(TEMPLATES.map((t) => t.name));
    const example = await cli('--template', 'qc-tag', '--example');
    expect(JSON.parse(example.stdout)).toEqual(TEMPLATES[0]!.example);
  });

  it('renders PNG to a file that decodes to the barcode, ZPL to stdout, and sends to a printer', async () => {
    const dir = dirs.make();
    const data = path.join(dir, 'qc.json');
    fs.writeFileSync(data, JSON.stringify(TEMPLATES[0]!.example));
    const out = path.join(dir, 'qc.png');
    expect((await cli('--template', 'qc-tag', '--format', 'png', '--data', data, '--out', out)).code).toBe(0);
    expect(await decodePng(fs.readFileSync(out))).toEqual([{ format: 'Code128', text: 'RT-2026-000123' }]);
    const zpl = await cli('--template', 'qc-tag', '--format', 'zpl', '--data', data, '--dpi', '300');
    expect(zpl.stdout).toMatch(/^\^XA\n\^CI28\n\^PW1181\n/);
    const printer = await FakePrinter.start();
    try {
      const sent = await cli(
        '--template',
        'qc-tag',
        '--format',
        'zpl',
        '--data',
        data,
        '--send',
        printer.address,
      );
      expect(sent.code).toBe(0);
      await printer.waitForJobs(1);
      expect(printer.jobs[0]!.toString('utf8')).toContain('^FDRT-2026-000123^FS');
    } finally {
      await printer.close();
    }
  });

  it('bad input: one line, a code, and the right exit status', async () => {
    const dir = dirs.make();
    const data = path.join(dir, 'bad.json');
    fs.writeFileSync(
      data,
      JSON.stringify({ ...(TEMPLATES[0]!.example as Record<string, unknown>), grade: 'Z' }),
    );
    const unknown = await cli('--template', 'nope', '--example');
    expect(unknown).toMatchObject({ code: 1, stderr: 'lastmile: PRINT_TEMPLATE_UNKNOWN template="nope"\n' });
    const invalid = await cli('--template', 'qc-tag', '--format', 'zpl', '--data', data);
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toMatch(/^lastmile: PRINT_DATA_INVALID .*field="grade"/);
    const usage = await cli('--template', 'qc-tag', '--format', 'gif', '--data', data);
    expect(usage.code).toBe(2);
    expect(usage.stderr.split('\n')[0]).toBe('lastmile: --format must be one of zpl, escpos, png, pdf');
    const refused = await cli(
      '--template',
      'qc-tag',
      '--format',
      'zpl',
      '--data',
      data.replace('bad', 'none'),
    );
    expect(refused.code).toBe(2);
    fs.writeFileSync(data, JSON.stringify(TEMPLATES[0]!.example));
    const offline = await cli(
      '--template',
      'qc-tag',
      '--format',
      'zpl',
      '--data',
      data,
      '--send',
      'tcp://127.0.0.1:1',
    );
    expect(offline.code).toBe(1);
    expect(offline.stderr).toMatch(
      /^lastmile: PRINTER_UNREACHABLE printer="127.0.0.1:1" reason="ECONNREFUSED"\n$/,
    );
  });
});
