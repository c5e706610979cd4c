/**
 * The destination names of a stored sync configuration (raw JSON): the connector accounts a
 * route may name as its lines. Read without the full schema, so a route screen still lists the
 * accounts while one destination's configuration is being fixed.
 */
export function configuredDestinationNames(storedConfig: unknown): string[] {
  if (storedConfig === null || typeof storedConfig !== 'object') return [];
  const destinations = (storedConfig as { destinations?: unknown }).destinations;
  if (!Array.isArray(destinations)) return [];
  const names = destinations.flatMap((d: unknown) =>
    d !== null && typeof d === 'object' && typeof (d as { name?: unknown }).name === 'string'
      ? [(d as { name: string }).name]
      : [],
  );
  return [...new Set(names)];
}
