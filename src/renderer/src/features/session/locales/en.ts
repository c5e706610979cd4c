/** English texts of the session feature: the reference every other language must match. */
const messages = {
  signIn: {
    title: 'Sign in',
    intro: 'Supervisors sign in to run the daily sync and to fix failed events.',
    user: 'Who are you?',
    pin: 'PIN',
    submit: 'Sign in',
  },
};

export type SessionMessages = typeof messages;
export default messages;
