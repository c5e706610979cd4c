import type { Profile } from './profile';

export interface BenchArgs {
  json: boolean;
  profile: Profile['name'];
  /** Case names to run; empty means all. */
  only: string[];
  /** Exit non-zero when a target is missed, for scheduled runs that should page someone. */
  strict: boolean;
  help: boolean;
}

export const USAGE = `Usage: npm run bench -- [options]
  --json        print the figures as one JSON object on stdout (progress stays on stderr)
  --quick       a short run (about 40 s) with fewer samples; figures are noisier
  --tiny        a few samples of everything: checks the harness, measures nothing
  --only=a,b    run only these cases (the case names are listed below); \`--only a,b\` works too
  --strict      exit with code 1 when a target is missed
  --help        this text`;

export function parseArgs(argv: readonly string[]): BenchArgs {
  const args: BenchArgs = { json: false, profile: 'default', only: [], strict: false, help: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--only') {
      const next = argv[++i];
      if (next === undefined || next.startsWith('--')) throw new Error(`--only needs case names\n${USAGE}`);
      args.only = splitNames(next);
    } else if (arg === '--json') args.json = true;
    else if (arg === '--quick') args.profile = 'quick';
    else if (arg === '--tiny') args.profile = 'tiny';
    else if (arg === '--strict') args.strict = true;
    else if (arg === '--help' || arg === '-h') args.help = true;
    else if (arg.startsWith('--only=')) {
      args.only = splitNames(arg.slice('--only='.length));
    } else throw new Error(`unknown option ${arg}\n${USAGE}`);
  }
  return args;
}

function splitNames(list: string): string[] {
  return list
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}
