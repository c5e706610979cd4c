/** Where a command's output goes: the process's own streams, or a buffer when a test runs it in-process. */
export interface CliIo {
  out(chunk: string | Uint8Array): void;
  err(text: string): void;
}

export const processIo: CliIo = {
  out: (chunk) => void process.stdout.write(chunk),
  err: (text) => void process.stderr.write(text),
};
