import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../../src/main/cli/main';
import { TEMPLATES } from '../../../src/main/printing/templates';
import { REPO_ROOT, runChild } from '../../helpers/child-process';
import { decodePng } from '../../helpers/printing/barcode-reader';
import { FakePrinter } from '../../helpers/printing/fake-printer';
import { TempDirs } from '../../helpers/temp-dir';

const dirs = new TempDirs();
afterAll(() => dirs.cleanup());

/**
 * `lastmile label` run in this process through the CLI's own main(), its output collected: the
 * cases that need no process boundary, without a child (and its tsx start-up) for each.
 */
async function cli(...args: string[]): Promise<{ code: number; stdout: Buffer; stderr: string }> {
  const out: Buffer[] = [];
  let stderr = '';
  const code = await main(['label', ...args], {
    packageRoot: REPO_ROOT,
    io: {
      out: (chunk) => void out.push(Buffer.from(chunk)),
      err: (text) => void (stderr += text),
    },
  });
  return { code, stdout: Buffer.concat(out), stderr };
}

const qcExample = TEMPLATES[0]!.example as Record<string, unknown>;

function dataFile(data: unknown): string {
  const file = path.join(dirs.make(), 'data.json');
  fs.writeFileSync(file, JSON.stringify(data));
  return file;
}

describe('lastmile label', () => {
  it('as a real child process: lists the templates one a line, and renders a label and sends it to a printer', async () => {
    const printer = await FakePrinter.start();
    try {
      // One child does the whole round trip a support person does: the real bin, tsx, stdout, exit code.
      const data = dataFile(qcExample);
      const list = await runChild(process.execPath, ['bin/lastmile.js', 'label', '--list'], {});
      expect(list.code).toBe(0);
      expect(list.stdout.trim().split('\n')).toEqual(TEMPLATES.map((t) => t.name));
      const sent = await runChild(process.execPath, [
        'bin/lastmile.js',
        'label',
        '--template',
        'qc-tag',
        '--format',
        'zpl',
        '--data',
        data,
        '--send',
        printer.address,
      ]);
      expect(sent.code, sent.stderr).toBe(0);
      expect(sent.stderr).toMatch(/^lastmile: sent \d+ bytes to tcp:\/\/127\.0\.0\.1:\d+\n$/);
      await printer.waitForJobs(1);
      expect(printer.jobs[0]!.toString('utf8')).toContain('^FDRT-2026-000123^FS');
    } finally {
      await printer.close();
    }
  });

  it('prints a template’s example data as JSON', async () => {
    const example = await cli('--template', 'qc-tag', '--example');
    expect(example.code).toBe(0);
    expect(JSON.parse(example.stdout.toString('utf8'))).toEqual(qcExample);
  });

  it('renders PNG to a file that decodes to the barcode, and ZPL at 300 dpi to stdout', async () => {
    const data = dataFile(qcExample);
    const out = path.join(path.dirname(data), 'qc.png');
    const png = await cli('--template', 'qc-tag', '--format', 'png', '--data', data, '--out', out);
    expect(png).toMatchObject({ code: 0, stderr: '' });
    expect(await decodePng(fs.readFileSync(out))).toEqual([{ format: 'Code128', text: 'RT-2026-000123' }]);
    const zpl = await cli('--template', 'qc-tag', '--format', 'zpl', '--data', data, '--dpi', '300');
    expect(zpl.code).toBe(0);
    expect(zpl.stdout.toString('utf8')).toMatch(/^\^XA\n\^CI28\n\^PW1181\n/);
  });

  it('bad input: one line with a code and exit 1, or a usage line and exit 2; nothing on stdout', async () => {
    const bad = dataFile({ ...qcExample, grade: 'Z' });
    const good = dataFile(qcExample);
    const cases: { args: string[]; code: number; stderr: RegExp }[] = [
      {
        args: ['--template', 'nope', '--example'],
        code: 1,
        stderr: /^lastmile: PRINT_TEMPLATE_UNKNOWN template="nope"\n$/,
      },
      {
        args: ['--template', 'qc-tag', '--format', 'zpl', '--data', bad],
        code: 1,
        stderr: /^lastmile: PRINT_DATA_INVALID .*field="grade"/,
      },
      {
        args: [
          '--template',
          'qc-tag',
          '--format',
          'zpl',
          '--data',
          dataFile({ ...qcExample, item: 'box 😀' }),
        ],
        code: 1,
        stderr: /^lastmile: PRINT_TEXT_UNSUPPORTED_CHARACTER .*codePoint="U\+1F600"/,
      },
      {
        args: ['--template', 'qc-tag', '--format', 'gif', '--data', good],
        code: 2,
        stderr: /^lastmile: --format must be one of zpl, escpos, png, pdf\n/,
      },
      {
        args: ['--template', 'qc-tag', '--format', 'zpl', '--data', good.replace('data.json', 'none.json')],
        code: 2,
        stderr: /^lastmile: cannot read --data .*none\.json: ENOENT/,
      },
      {
        args: ['--template', 'qc-tag', '--format', 'zpl', '--data', good, '--dpi', '600'],
        code: 2,
        stderr: /^lastmile: --dpi must be 203 or 300\n/,
      },
      { args: ['--templat', 'qc-tag'], code: 2, stderr: /^lastmile: Unknown option '--templat'/ },
      {
        args: ['--template', 'qc-tag', '--format', 'png', '--data', good, '--send', 'tcp://127.0.0.1:1'],
        code: 2,
        stderr: /^lastmile: --send needs --format zpl or escpos\n/,
      },
      {
        args: ['--template', 'qc-tag', '--format', 'zpl', '--data', good, '--send', 'tcp://127.0.0.1:1'],
        code: 1,
        stderr: /^lastmile: PRINTER_UNREACHABLE printer="127.0.0.1:1" reason="ECONNREFUSED"\n$/,
      },
    ];
    for (const c of cases) {
      const result = await cli(...c.args);
      expect(result.code, c.args.join(' ')).toBe(c.code);
      expect(result.stderr, c.args.join(' ')).toMatch(c.stderr);
      expect(result.stdout.length, c.args.join(' ')).toBe(0);
    }
  });
});
