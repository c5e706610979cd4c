/** English texts of the supervisor's cut-off panel. */
const messages = {
  cutoffs: {
    keys: {
      move: 'select',
      confirm: 'confirm',
      edit: 'edit the cut-off',
      cancel: 'back',
    },
    action: {
      next_pickup: 'next pickup',
      note: 'note',
      rebook: 'rebook',
    },
    notice: {
      next_pickup: '{{orderRef}} waits for the next pickup.',
      note: '{{orderRef}} acknowledged with your note.',
      rebook: '{{orderRef}}: label voided. The bench routes it again on another line.',
      saved: 'Cut-off saved for {{orderRef}}.',
      reset: 'Cut-off for {{orderRef}} is back to the default.',
    },
    none: 'No parcel has missed its cut-off.',
    col: {
      order: 'Order',
      carrier: 'Carrier',
      packedAt: 'Packed',
      cutoff: 'Missed cut-off',
      nextPickup: 'Next pickup',
      risk: 'Late risk',
      resolution: 'Resolution',
      market: 'Market',
      lastPickup: 'Last pickup',
      days: 'Pickup days',
      source: 'Source',
    },
    noLabel: 'no label yet',
    open: 'Open',
    resolved: {
      next_pickup: 'Waits for next pickup',
      note: 'Acknowledged',
      rebook: 'Rebooked',
    },
    confirm: {
      next_pickup: '{{orderRef}} waits for the next {{carrier}} pickup. Press Enter to confirm.',
      note: 'Acknowledge {{orderRef}}: write why, then press Enter.',
      rebook:
        'Void the {{carrier}} label of {{orderRef}} and send it back to be labelled on another line? Press Enter to confirm.',
    },
    noteLabel: 'Note (required)',
    confirmButton: 'Confirm',
    tableTitle: 'Cut-off times per carrier',
    anyCarrier: 'Any carrier',
    anyMarket: 'Any market',
    workingWeek: 'Working week:',
    source: {
      station: 'Set by {{name}}',
      official: 'Carrier rule',
      reference: 'Our reference notes',
      community: 'Community source',
      ours: 'Our assumption',
    },
    save: 'Save',
    reset: 'Back to default',
  },
  stepUp: {
    purpose: {
      packCutoffResolve: 'Resolve a parcel that missed its cut-off.',
      packCutoffSet: 'Change a carrier’s cut-off time.',
    },
  },
  errorDetails: {
    VALIDATION_FAILED: {
      cutoff_time: 'Write the last pickup as HH:MM, for example 17:00.',
    },
  },
};

export type CutoffsMessages = typeof messages;
export default messages;
