/** English texts of the session feature: the reference every other language must match. */
const messages = {
  signIn: {
    title: 'Sign in',
    intro: 'Supervisors sign in to run the daily sync and to fix failed events.',
    user: 'Who are you?',
    badge: 'Badge',
    badgeHint: 'Or scan your badge.',
    pickInstead: 'Pick a name instead',
    pin: 'PIN',
    submit: 'Sign in',
  },
  changePin: {
    title: 'Change PIN',
    intro: '{{name}}, choose a new PIN.',
    forcedTitle: 'Choose your own PIN',
    forcedIntro:
      '{{name}}, the PIN you signed in with was set for you (or is the station’s default). Choose your own before you start; until then you are not signed in.',
    current: 'Current PIN',
    new: 'New PIN',
    repeat: 'New PIN again',
    rules: '4 to 12 digits; not one digit repeated, not a run like 1234; not the old PIN.',
    mismatch: 'The two new PINs differ.',
    submit: 'Save the new PIN',
  },
  stepUp: {
    title: 'Supervisor approval',
    intro:
      'A supervisor scans their badge (or picks their name) and types their PIN. Nobody is signed in by it.',
    who: 'Supervisor',
    pin: 'Supervisor’s PIN',
    approve: 'Approve',
    purpose: {
      retryDeadLetter: 'Send this failed event to the carrier again.',
      discardDeadLetter: 'Discard this failed event for good.',
      updateSettings: 'Change a station setting that only a supervisor may change.',
      resetPin: 'Set a new PIN for another user.',
      assignBadge: 'Give a badge to a user.',
      rotateStationToken: 'Make a new station key (every open screen needs the new link).',
      other: 'Approve this action.',
    },
  },
  notice: {
    idle: '{{name}} was signed out after {{idleMinutes}} minutes without activity. This screen now works as {{operator}}.',
    restarted:
      'The station restarted, so everyone was signed out ({{name}} too). This screen now works as {{operator}}; sign in again if you need to.',
    ok: 'OK',
  },
};

export type SessionMessages = typeof messages;
export default messages;
