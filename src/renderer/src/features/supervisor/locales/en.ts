/** English texts of the supervisor screen and the vocabulary its tabs share. */
const messages = {
  supervisor: {
    title: 'Supervisor',
    asYourself: 'Signed in as {{name}}: you act as yourself.',
    atClerkScreen: 'At a clerk’s screen: each action asks a supervisor for their badge or PIN.',
    tabs: {
      approvals: 'Approvals',
      batches: 'Destruction batches',
      rules: 'Disposition rules',
      shift: 'QC shift',
      decisions: 'Decisions',
      exceptions: 'Exceptions',
      cutoffs: 'Cut-offs',
    },
  },
  stepUp: {
    purpose: {
      qcApproveDestroy: 'Approve destroying these returned units.',
      qcRejectDestroy: 'Refuse these destroys and decide the units otherwise.',
      qcCloseBatch: 'Close the destruction batch and issue its certificate.',
      qcResolveException: 'Resolve an unexpected parcel held in quarantine.',
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
