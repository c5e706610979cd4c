/** The station key as this page holds it; a rotation answered by the station replaces it. */
export interface TokenHolder {
  get(): string;
  set(token: string): void;
  /** The station's link with a key, as `lastmile station` prints it. */
  link(token: string): string;
}
