import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { REPO_ROOT, runChild } from '../../helpers/child-process';
import { TempDirs } from '../../helpers/temp-dir';

const COUNT = path.join(REPO_ROOT, '.ci', 'count.mjs');
const temps = new TempDirs();
afterEach(() => temps.cleanup());

/** A repository with these test files, and a vitest JSON report about it. */
function repoWith(files: string[], report: Record<string, unknown>): { root: string; reportFile: string } {
  const root = temps.make('lastmile-count-');
  for (const f of files) {
    fs.mkdirSync(path.dirname(path.join(root, f)), { recursive: true });
    fs.writeFileSync(path.join(root, f), '');
  }
  const reportFile = path.join(root, 'vitest.json');
  fs.writeFileSync(reportFile, JSON.stringify(report));
  return { root, reportFile };
}

const passedFile = (root: string, name: string, tests = 2) => ({
  name: path.join(root, name),
  status: 'passed',
  message: '',
  assertionResults: Array.from({ length: tests }, (_, i) => ({ title: `t${i}`, status: 'passed' })),
});

const count = (reportFile: string, root: string) => runChild(process.execPath, [COUNT, reportFile, root]);

describe('.ci/count.mjs', () => {
  it('a real run whose browser global setup failed (no usable Chromium) counts as failed, naming the suites', async () => {
    const out = path.join(temps.make('lastmile-count-real-'), 'vitest.json');
    // vitest in a child, as .ci/run runs it; without the parent's VITEST* variables.
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('VITEST')));
    const run = await runChild(
      process.execPath,
      [
        path.join(REPO_ROOT, 'node_modules', 'vitest', 'vitest.mjs'),
        'run',
        '--project',
        'browser',
        'test/browser/shell-settings.test.ts',
        `--outputFile.json=${out}`,
      ],
      { env: { ...env, LASTMILE_CHROMIUM: '/nonexistent/chromium' } },
    );
    expect(run.code).not.toBe(0);
    expect(run.stdout + run.stderr).toContain(
      'LASTMILE_CHROMIUM=/nonexistent/chromium is not an executable file',
    );
    // What vitest leaves behind: a report with no per-file results at all.
    expect(JSON.parse(fs.readFileSync(out, 'utf8'))).toMatchObject({ success: false, testResults: [] });

    const r = await count(out, REPO_ROOT);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^0 passed, [1-9]\d* failed\n$/);
    // Named one by one (the list is cut after the first few; which ones depends on how many exist).
    expect(r.stderr).toMatch(/^ci: test\/browser\/[\w-]+\.test\.ts did not run/m);
  }, 120_000);

  it('unit tests passed but the browser files never ran: failed, not "N passed, 0 failed"', async () => {
    const files = ['test/unit/a.test.ts', 'test/browser/b.test.ts'];
    const { reportFile, root } = repoWith(files, {});
    fs.writeFileSync(
      reportFile,
      JSON.stringify({
        success: false,
        numPassedTests: 2,
        numFailedTests: 0,
        testResults: [passedFile(root, files[0]!)],
      }),
    );
    const r = await count(reportFile, root);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('2 passed, 1 failed\n');
    expect(r.stderr).toBe('ci: test/browser/b.test.ts did not run (its project’s setup failed?)\n');
  });

  it('a run vitest calls failed with every file reported and no failed test still counts one failure', async () => {
    const { reportFile, root } = repoWith(['test/unit/a.test.ts'], {});
    fs.writeFileSync(
      reportFile,
      JSON.stringify({
        success: false,
        numPassedTests: 2,
        numFailedTests: 0,
        testResults: [passedFile(root, 'test/unit/a.test.ts')],
      }),
    );
    const r = await count(reportFile, root);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('2 passed, 1 failed\n');
    expect(r.stderr).toMatch(/^ci: vitest reported the run as failed without a failed test/);
  });

  it('a file that failed to load counts once; skipped tests are shown, never counted as passed', async () => {
    const { reportFile, root } = repoWith(['test/unit/a.test.ts', 'test/unit/b.test.ts'], {});
    fs.writeFileSync(
      reportFile,
      JSON.stringify({
        success: false,
        numPassedTests: 2,
        numFailedTests: 0,
        numPendingTests: 1,
        testResults: [
          passedFile(root, 'test/unit/a.test.ts'),
          {
            name: path.join(root, 'test/unit/b.test.ts'),
            status: 'failed',
            message: 'SyntaxError: x\nat y',
            assertionResults: [],
          },
        ],
      }),
    );
    const r = await count(reportFile, root);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('2 passed, 1 failed, 1 skipped\n');
    expect(r.stderr).toBe('ci: test/unit/b.test.ts failed to run: SyntaxError: x\n');
  });

  it('every file ran and passed: exit 0', async () => {
    const files = ['test/unit/a.test.ts', 'test/browser/b.test.ts'];
    const { reportFile, root } = repoWith(files, {});
    fs.writeFileSync(
      reportFile,
      JSON.stringify({
        success: true,
        numPassedTests: 4,
        numFailedTests: 0,
        testResults: files.map((f) => passedFile(root, f)),
      }),
    );
    const r = await count(reportFile, root);
    expect(r).toMatchObject({ code: 0, stdout: '4 passed, 0 failed\n', stderr: '' });
  });

  it('no report at all: the tests did not run', async () => {
    const r = await count(path.join(temps.make(), 'missing.json'), REPO_ROOT);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('0 passed, 1 failed\n');
  });
});
