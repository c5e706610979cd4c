/** English texts of the QC shift summary: the reference every other language must match. */
const messages = {
  shift: {
    supervisorOnly: 'Only a signed-in supervisor sees every clerk’s shift.',
    window: 'Period',
    windows: { today: 'Today', yesterday: 'Yesterday', week: 'Last 7 days' },
    clerk: 'Clerk',
    parcels: 'Parcels',
    items: 'Items',
    overrides: 'Overrides',
    pending: 'Awaiting approval',
    exceptions: 'Unexpected',
    undos: 'Undos',
    median: 'Median s/item',
    p90: '90% s/item',
    total: 'All clerks',
    empty: 'No QC work in this period.',
  },
};

export type ShiftMessages = typeof messages;
export default messages;
