/** English texts of the exceptions list: the reference every other language must match. */
const messages = {
  exceptions: {
    supervisorOnly: 'Only a signed-in supervisor resolves unexpected returns.',
    status: { open: 'In quarantine', resolved: 'Resolved' },
    done: 'Resolved; the hub is told.',
    raised: 'Raised by',
    bin: 'Quarantine bin',
    note: 'Clerk’s note',
    resolution: 'Resolution',
    photos_one: '({{count}} photo)',
    photos_other: '({{count}} photos)',
    open: 'open',
    kind: { matched: 'Matched to', disposed: 'Disposed of' },
    disposal: { return_to_sender: 'Returned to sender', scrap: 'Scrapped', donate: 'Donated' },
    how: { match: 'A return order turned up', dispose: 'Nobody claims it' },
    returnOrder: 'Return order id',
    disposalLabel: 'What happens to the parcel',
    noteRequired: 'Note (required, at least 3 characters)',
    noteOptional: 'Note (optional)',
    resolve: 'Resolve',
    empty: { open: 'Nothing in quarantine.', resolved: 'Nothing resolved yet.' },
  },
};

export type ExceptionsMessages = typeof messages;
export default messages;
