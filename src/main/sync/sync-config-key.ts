/** Settings key holding the station's sync configuration (raw JSON, see attach-sync's storedSyncConfigSchema). */
export const SYNC_CONFIG_KEY = 'sync.destinations';
