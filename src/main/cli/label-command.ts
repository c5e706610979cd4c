import fs from 'node:fs';
import { AppError } from '../../shared/errors';
import { LABEL_FORMATS, type LabelFormat } from '../../shared/printing';
import { LabelRenderer } from '../printing/label-renderer';
import { TEMPLATES, templateNamed } from '../printing/templates';
import { createSystemTransport } from '../printing/transport/system-transport';
import { parse, UsageError } from './args';
import type { CliCommand, CliContext } from './command';
import { processIo } from './io';

/**
 * `lastmile label` for support staff, no printer needed: list the templates, print a template's
 * example data, render a label from a JSON file to ZPL / ESC/POS / PNG / PDF, or send it to a
 * printer's raw port. Exit 0 done, 1 the label cannot be made or sent (one coded line), 2 usage.
 */
export async function runLabel(argv: string[], ctx: CliContext): Promise<number> {
  const io = ctx.io ?? processIo;
  const args = parse(argv, {
    list: { type: 'boolean' },
    template: { type: 'string' },
    example: { type: 'boolean' },
    format: { type: 'string' },
    data: { type: 'string' },
    out: { type: 'string' },
    dpi: { type: 'string' },
    send: { type: 'string' },
    escpos: { type: 'string' },
  });
  try {
    if (args.list) {
      io.out(TEMPLATES.map((t) => `${t.name}\n`).join(''));
      return 0;
    }
    if (!args.template) throw new UsageError('label needs --list, or --template NAME');
    const template = templateNamed(args.template);
    if (args.example) {
      io.out(JSON.stringify(template.example, null, 2) + '\n');
      return 0;
    }
    if (!args.format || !(LABEL_FORMATS as readonly string[]).includes(args.format)) {
      throw new UsageError(`--format must be one of ${LABEL_FORMATS.join(', ')}`);
    }
    const format = args.format as LabelFormat;
    if (!args.data) throw new UsageError('label needs --data FILE.json (see --example for its shape)');
    if (args.dpi !== undefined && args.dpi !== '203' && args.dpi !== '300')
      throw new UsageError('--dpi must be 203 or 300');
    if (args.escpos !== undefined && args.escpos !== 'epson' && args.escpos !== 'star') {
      throw new UsageError('--escpos must be epson or star');
    }
    let data: unknown;
    try {
      data = JSON.parse(fs.readFileSync(args.data, 'utf8'));
    } catch (err) {
      throw new UsageError(`cannot read --data ${args.data}: ${(err as Error).message.split('\n')[0]}`);
    }
    const dpi = args.dpi === '300' ? 300 : 203;
    const escpos = args.escpos === 'star' ? 'star' : 'epson';
    const renderer = await LabelRenderer.load();
    const { bytes } = await renderer.render(template.name, data, { format, dpi, escpos });
    if (args.send) {
      if (format !== 'zpl' && format !== 'escpos')
        throw new UsageError('--send needs --format zpl or escpos');
      if (!args.send.startsWith('tcp://')) throw new UsageError('--send takes tcp://HOST:PORT');
      await createSystemTransport().send(args.send, bytes, { timeoutMs: 10_000 });
      io.err(`lastmile: sent ${bytes.length} bytes to ${args.send}\n`);
      return 0;
    }
    if (args.out) fs.writeFileSync(args.out, bytes);
    else io.out(bytes);
    return 0;
  } catch (err) {
    if (err instanceof AppError) {
      const params = Object.entries(err.params)
        .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
        .join(' ');
      io.err(`lastmile: ${err.code}${params ? ' ' + params : ''}\n`);
      return 1;
    }
    throw err;
  }
}

export const labelCommand: CliCommand = {
  name: 'label',
  usage: `  lastmile label --list
  lastmile label --template NAME --example
  lastmile label --template NAME --format zpl|escpos|png|pdf --data FILE.json [--out FILE]
                 [--dpi 203|300] [--escpos epson|star] [--send tcp://HOST:PORT]
      Label templates for support staff, no printer needed: list them, print a template's
      example data, render a label (to stdout without --out), or send it to a printer's raw
      port. Exit 1 when the label cannot be made or sent (one line with the error code).
`,
  run: runLabel,
};
