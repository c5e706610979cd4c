/** English texts of the queue feature: the reference every other language must match. */
const messages = {
  queue: {
    title: 'Outbox queue',
    intro: 'What this station still has to tell carriers and the platform. It is kept on this PC until sent.',
    filter: 'Show',
    total: 'Events in this list: {{count}}',
    created: 'Time',
    event: 'Event',
    about: 'About',
    destination: 'Destination',
    status: 'Status',
    attempts: 'Tries',
    empty: 'Nothing in this list.',
    previous: 'Previous',
    next: 'Next',
    page: 'Page {{page}} of {{pages}}',
  },
};

export type QueueMessages = typeof messages;
export default messages;
