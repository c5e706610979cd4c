/** English texts of the app shell's own notices: the reference every other language must match. */
const messages = {
  coreStatus: {
    restarting: 'The station is restarting — nothing you confirmed is lost. Wait a moment, then carry on.',
    stopped:
      'The station has stopped. Everything you confirmed is saved; follow the message on the screen or call a supervisor.',
  },
};

export type ShellMessages = typeof messages;
export default messages;
