/**
 * One id per supervisor action, made before the call: a retry after a lost answer (the core
 * restarting) sends the same id, and the core acts once.
 */
export function newActionId(): string {
  const bytes = new Uint8Array(12);
  globalThis.crypto.getRandomValues(bytes);
  return `sv-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}
