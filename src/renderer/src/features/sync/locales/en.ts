/** English texts of the sync feature: the reference every other language must match. */
const messages = {
  sync: {
    title: 'Sync',
    showIdle: 'Show {{count}} idle',
    hideIdle: 'Hide idle',
    noActivity: 'Nothing queued or sent yet.',
    destinations: 'Destinations',
    destination: 'Destination',
    circuit: 'Connection',
    lastSuccess: 'Last successful contact',
    run: 'Run daily sync',
    cancel: 'Cancel sync',
    cancelling: 'Cancelling…',
    idle: 'No sync is running.',
    progress: 'Step {{step}} of {{steps}}: {{stage}}',
    progressCount: '{{done}} of {{total}}',
    supervisorOnly:
      'Only a supervisor can run the sync or decide on failed events. Sign in at the top right.',
    reports: 'Recent reports',
    noReports: 'No sync has run yet.',
    duration: 'Took {{seconds}} s',
    delivered: 'Delivered',
    failed: 'Retrying',
    dead: 'Failed',
    pending: 'Waiting',
    pulled: '{{source}}: {{fetched}} fetched, {{upserted}} saved',
    failures: 'Failures',
    exceptions: 'Parcels with no tracking update',
    silentFor: '{{hours}} h without update',
    errors: 'Errors',
    deadLetters: 'Failed events',
    noDeadLetters: 'No failed events.',
    retry: 'Send again',
    discard: 'Discard',
    discardReason: 'Why discard it? (at least 3 characters)',
    discardConfirm: 'Discard event',
  },
  syncStage: {
    pull_returns: 'Fetching new return orders',
    pull_tracking: 'Fetching tracking updates',
    push: 'Sending queued events',
    report: 'Writing the report',
  },
  syncStatus: {
    running: 'Running',
    ok: 'OK',
    attention: 'Needs attention',
    failed: 'Failed',
    cancelled: 'Cancelled',
  },
  syncTrigger: {
    ui: 'from this screen',
    cli: 'scheduled task',
  },
};

export type SyncMessages = typeof messages;
export default messages;
