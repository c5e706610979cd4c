// Prints "N passed, N failed" from vitest's JSON report and exits non-zero unless every test file of
// the repository ran and passed. A run vitest itself calls failed with no failed test (a global
// setup that threw — e.g. no Chromium — or an unhandled error) and a test file that never ran (its
// project's setup failed, so the report has no entry for it) both count as failures: a browser
// suite that could not launch is never counted as passed or skipped.
//
//   node .ci/count.mjs REPORT [ROOT]   (ROOT: the folder whose test/ holds the *.test.ts files)
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const file = process.argv[2];
const root = path.resolve(process.argv[3] ?? path.join(path.dirname(fileURLToPath(import.meta.url)), '..'));
if (!file || !fs.existsSync(file)) {
  console.log('0 passed, 1 failed');
  console.error(`ci: no vitest report at ${file}: the tests did not run (see the output above)`);
  process.exit(1);
}
const report = JSON.parse(fs.readFileSync(file, 'utf8'));
const results = report.testResults ?? [];
const passed = report.numPassedTests ?? 0;
const problems = [];

// A file that fails to load has no test results of its own; count it as one failure so it is seen.
const brokenFiles = results.filter((f) => f.status === 'failed' && (f.assertionResults ?? []).length === 0);
for (const f of brokenFiles)
  problems.push(`${path.relative(root, f.name)} failed to run: ${firstLine(f.message)}`);

const reported = new Set(results.map((f) => path.resolve(f.name)));
const notRun = testFiles(path.join(root, 'test')).filter((f) => !reported.has(f));
for (const f of notRun) problems.push(`${path.relative(root, f)} did not run (its project’s setup failed?)`);

let failed = (report.numFailedTests ?? 0) + brokenFiles.length + notRun.length;
if (report.success === false && failed === 0) {
  failed = 1;
  problems.push(
    'vitest reported the run as failed without a failed test: a global setup or an unhandled error (see above)',
  );
}
const pending = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
console.log(`${passed} passed, ${failed} failed${pending ? `, ${pending} skipped` : ''}`);
const SHOWN = 10;
for (const p of problems.slice(0, SHOWN)) console.error(`ci: ${p}`);
if (problems.length > SHOWN) console.error(`ci: … and ${problems.length - SHOWN} more`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);

function testFiles(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.test.ts'))
    .map((e) => path.resolve(e.parentPath, e.name))
    .sort();
}

function firstLine(text) {
  return String(text ?? '').split('\n')[0];
}
