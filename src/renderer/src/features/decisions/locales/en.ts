/** English texts of the decision browser: the reference every other language must match. */
const messages = {
  decisions: {
    supervisorOnly: 'Only a signed-in supervisor browses every decision.',
    query: 'Search: license plate, return id, order id, SKU or serial (Enter)',
    disposition: 'Disposition',
    status: 'Status',
    all: 'All',
    active: 'In force',
    undone: 'undone',
    when: 'When',
    unit: 'Unit',
    item: 'Item',
    clerk: 'Decided by',
    suggested: 'rules: {{disposition}}',
    empty: 'No decision matches.',
    more: 'Older decisions',
    photos_one: '{{count}} photo',
    photos_other: '{{count}} photos',
    history: 'Every decision of this unit',
    approval: 'Destroy approval',
    batch: 'batch {{status}}',
    events: 'Events to the platform and the hub',
    audit: 'Audit log',
  },
};

export type DecisionsMessages = typeof messages;
export default messages;
