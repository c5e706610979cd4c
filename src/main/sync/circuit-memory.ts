import type { ConnectorState } from '../carriers/connector';

/** The connector-state key holding since when a destination's circuit has been open. */
export const CIRCUIT_DOWN_SINCE_KEY = 'circuit.downSince';

/**
 * The delivery engine's circuit memory (DeliveryEngineOptions.circuitMemory) kept in each
 * destination's connector state, so an outage outlives a restart or a one-shot CLI run: the route
 * supervisor reads it to decide when new work goes to a backup line.
 */
export function circuitMemory(stateOf: (destination: string) => ConnectorState | undefined) {
  return {
    load(destination: string): number | null {
      return parseDownSince(stateOf(destination)?.get(CIRCUIT_DOWN_SINCE_KEY));
    },
    save(destination: string, downSince: number | null): void {
      stateOf(destination)?.set(CIRCUIT_DOWN_SINCE_KEY, downSince === null ? '' : String(downSince));
    },
  };
}

/** '' (reachable again) or a missing value is null; anything but a whole number is ignored. */
export function parseDownSince(value: string | undefined): number | null {
  if (value === undefined || value === '') return null;
  const n = Number(value);
  return Number.isSafeInteger(n) ? n : null;
}
