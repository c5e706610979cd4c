import { startTestCarrier, type TestCarrierOptions } from '../src/main/carriers/test-carrier/server';

/**
 * Runs the local test carrier in its own process, so the bench process's memory and event loop
 * hold only the app's side. Talks to its parent over IPC: it sends { url } once listening, answers
 * { stats: destination } with the carrier's counters, and exits after { close: true }.
 */
type Message = { stats: string } | { close: true };

async function run(): Promise<void> {
  const options = JSON.parse(process.argv[2] ?? '{}') as TestCarrierOptions;
  const carrier = await startTestCarrier(options);
  process.on('message', (message: Message) => {
    if ('stats' in message) {
      process.send?.({ stats: carrier.stats(message.stats) });
    } else {
      void carrier.close().then(() => process.exit(0));
    }
  });
  // An orphaned carrier must not outlive a bench that crashed.
  process.on('disconnect', () => process.exit(0));
  process.send?.({ url: carrier.url });
}

void run().catch((err: unknown) => {
  process.stderr.write(`test carrier failed to start: ${String(err)}\n`);
  process.exit(1);
});
