/** English texts of the supervisor screen and the vocabulary its tabs share. */
const messages = {
  supervisor: {
    title: 'Supervisor',
    asYourself: 'Signed in as {{name}}: you act as yourself.',
    atClerkScreen: 'At a clerk’s screen: each action needs a supervisor’s PIN.',
    tabs: {
      approvals: 'Approvals',
      batches: 'Destruction batches',
      rules: 'Disposition rules',
      shift: 'QC shift',
      decisions: 'Decisions',
      exceptions: 'Exceptions',
    },
    stepUp: {
      title: 'Supervisor approval at this screen',
      who: 'Supervisor',
      pin: 'PIN',
      missing: 'Choose the supervisor and type their PIN, then act again.',
    },
  },
  supervision: {
    rejectReason: {
      repairable: 'Can be repaired',
      resellable: 'Can still be sold',
      evidence_insufficient: 'Evidence not enough',
      wrong_grade: 'Wrong grade',
      seller_wants_it_back: 'The seller wants it back',
      other: 'Other (write a note)',
    },
  },
};

export type SupervisorMessages = typeof messages;
export default messages;
