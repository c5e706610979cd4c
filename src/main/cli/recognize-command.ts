import { once } from 'node:events';
import readline from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { isIsoCountry } from '../../shared/codes/iso-countries';
import { recognise, type RecogniseOptions } from '../../shared/codes/recognise';
import { UsageError } from './args';
import type { CliCommand } from './command';

export interface RecognizeIo {
  stdin: Readable;
  stdout: Writable;
}

/**
 * `lastmile recognize [--market CC]… CODE… | -`: prints what each code is, one JSON object per
 * line (`-` reads codes from stdin, one a line, and prints as they come). Exit 0 once every code
 * is answered — an unknown code is an answer too — and 2 on bad usage.
 */
export async function runRecognize(
  argv: string[],
  io: RecognizeIo = { stdin: process.stdin, stdout: process.stdout },
): Promise<number> {
  const { codes, options } = parseRecognizeArgs(argv);
  for (const code of codes) {
    if (code === STDIN) {
      const lines = readline.createInterface({ input: io.stdin, crlfDelay: Infinity });
      for await (const line of lines) await writeLine(io.stdout, answer(line, options));
    } else {
      await writeLine(io.stdout, answer(code, options));
    }
  }
  return 0;
}

const STDIN = Symbol('stdin');

function parseRecognizeArgs(argv: string[]): { codes: (string | typeof STDIN)[]; options: RecogniseOptions } {
  const codes: (string | typeof STDIN)[] = [];
  const markets: string[] = [];
  let optionsDone = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (optionsDone) codes.push(arg);
    else if (arg === '--') optionsDone = true;
    else if (arg === '-') {
      if (codes.includes(STDIN)) throw new UsageError('recognize reads stdin once: give - only once');
      codes.push(STDIN);
    } else if (arg === '--market' || arg.startsWith('--market=')) {
      const value = arg === '--market' ? argv[++i] : arg.slice('--market='.length);
      if (value === undefined) throw new UsageError('--market needs a country code, e.g. --market TH');
      for (const cc of value.split(',')) {
        const upper = cc.trim().toUpperCase();
        if (!isIsoCountry(upper)) throw new UsageError(`--market must be ISO country codes, not "${cc}"`);
        markets.push(upper);
      }
    } else if (arg.startsWith('-')) {
      throw new UsageError(`recognize: unknown option "${arg}" (put -- before a code that starts with -)`);
    } else codes.push(arg);
  }
  if (codes.length === 0) throw new UsageError('recognize needs a CODE, or - to read codes from stdin');
  return { codes, options: markets.length > 0 ? { markets } : {} };
}

function answer(code: string, options: RecogniseOptions): string {
  return JSON.stringify(recognise(code, options));
}

async function writeLine(out: Writable, line: string): Promise<void> {
  // Waiting for the pipe to drain keeps memory flat when a large file is piped through.
  if (!out.write(`${line}\n`)) await once(out, 'drain');
}

export const recognizeCommand: CliCommand = {
  name: 'recognize',
  usage: `  lastmile recognize [--market CC[,CC…]] CODE… | -
      Tell what each code is (carrier tracking number, SSCC, GTIN, GS1 string, return or order
      id, our SKU, bin, license plate or badge) with its check-digit verdict and every candidate,
      ranked: one JSON object per line. - reads codes from stdin, one per line. --market ranks
      the formats of those countries first among equals. Exit 0, 2 bad usage.
`,
  run: (argv) => runRecognize(argv),
};
