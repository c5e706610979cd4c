/**
 * Splits a serial byte stream into lines (CR LF, a lone CR or a lone LF all end one). A line that
 * grows past `maxLength` without an end — noise on the line, the wrong baud rate — is cut and
 * reported as garbage instead of filling memory.
 */
export class LineReader {
  private pending = '';
  private skipLf = false;

  constructor(
    private readonly onLine: (line: string) => void,
    private readonly onGarbage: (sample: string) => void,
    private readonly maxLength = 256,
  ) {}

  push(chunk: Uint8Array | string): void {
    const text = typeof chunk === 'string' ? chunk : new TextDecoder('latin1').decode(chunk);
    for (const ch of text) {
      if (ch === '\n' && this.skipLf) {
        this.skipLf = false;
        continue;
      }
      this.skipLf = ch === '\r';
      if (ch === '\r' || ch === '\n') {
        const line = this.pending;
        this.pending = '';
        if (line !== '') this.onLine(line);
        continue;
      }
      this.pending += ch;
      if (this.pending.length > this.maxLength) {
        this.onGarbage(this.pending.slice(0, 40));
        this.pending = '';
      }
    }
  }
}
