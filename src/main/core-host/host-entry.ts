// The core host's entry: electron-vite builds it as out/main/core-host.js for utilityProcess.fork;
// plain Node forks it from the sources through tsx. Everything lives in host-process.ts.
import { runCoreHost } from './host-process';

void runCoreHost().then((code) => {
  process.exitCode = code;
  // The process ends by itself once the database and the channel are closed; if a handle
  // lingers, it still ends.
  setTimeout(() => process.exit(code), 2000).unref();
});
