import { measureMemory, type MemoryParams } from './cases/memory';

/** A fresh process for the memory case: what earlier cases allocated must not count. */
const params = JSON.parse(process.argv[2] ?? '{}') as MemoryParams;
measureMemory(params, (line) => process.stderr.write(`${line}\n`)).then(
  (result) => process.send?.({ result }, () => process.exit(0)),
  (err: unknown) =>
    process.send?.({ error: err instanceof Error ? err.message : String(err) }, () => process.exit(1)),
);
