/** A refusal the TikTok Shop fake answers in the platform's envelope: HTTP status, code, message. */
export class Refusal extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}
