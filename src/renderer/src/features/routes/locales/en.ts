/** English texts of the routes feature (the Routes section of the Sync screen). */
const messages = {
  routes: {
    title: 'Routes',
    rule: 'New work goes to the backup line when the primary has been unreachable for {{minutes}} min',
    none: 'No routes yet: every parcel goes to the carrier it was created for.',
    route: 'Country / seller',
    countrySeller: '{{country}} · seller {{seller}}',
    primary: 'Primary line',
    backup: 'Backup line',
    noBackup: 'none',
    active: 'Takes new work',
    sentToBackup: 'Sent to backup (24 h)',
    downSince: 'unreachable since {{time}}',
    line: { primary: 'Primary', backup: 'Backup' },
    form: {
      failoverAfter: 'Fail over after (minutes)',
      saveFailover: 'Save failover time',
      add: 'Add route',
      edit: 'Edit',
      delete: 'Delete',
      editRoute: 'Edit route {{route}}',
      deleteRoute: 'Delete route {{route}}',
      actions: 'Change',
      newTitle: 'New route',
      editTitle: 'Edit route',
      country: 'Country (2 letters)',
      seller: 'Seller (optional)',
      everySeller: 'every seller',
      choose: 'Choose a carrier account',
      noBackup: 'No backup line',
      save: 'Save route',
      cancel: 'Cancel',
    },
    reason: {
      primary_up: 'The primary line answers.',
      primary_down_briefly: 'The primary is unreachable, but for less than {{minutes}} min.',
      primary_down: 'The primary has been unreachable for over {{minutes}} min; queued work waits for it.',
      no_backup: 'The primary is unreachable and this route has no backup line.',
      backup_down: 'Both lines are unreachable; work stays on the primary.',
    },
  },
};

export type RoutesMessages = typeof messages;
export default messages;
