/** English texts of the destruction batches tab: the reference every other language must match. */
const messages = {
  batches: {
    notice: {
      closed: 'Batch closed and its certificate issued.',
      label_queued: 'The cage label is on its way to the printer.',
      downloaded: 'Certificate downloaded.',
    },
    openBatch: 'Open batch',
    status: { open: 'Open', closed: 'Closed', certified: 'Certified' },
    units_one: '{{count}} unit',
    units_other: '{{count}} units',
    photos_one: '{{count}} photo',
    photos_other: '{{count}} photos',
    none: 'No destruction batch yet: approving a destroy opens one.',
    verifyTitle: 'Verify a certificate',
    verifyIntro:
      'Choose a certificate PDF (e-mailed, downloaded, from the disposal company): this station checks it against what it issued.',
    verifyChoose: 'Choose a PDF…',
    opened: 'Opened',
    closed: 'Closed and approved',
    totals: 'Totals',
    note: 'Note',
    label: 'Cage label',
    certificate: 'Certificate {{id}}',
    sha256: 'Certificate SHA-256:',
    fileSha256: 'File SHA-256:',
    download: 'Download the certificate (PDF)',
    printLabel: 'Print the cage label',
    closeNote: 'Note for the certificate (who collects the cage, seal number…)',
    close_one: 'Close the batch ({{count}} unit) and issue its certificate',
    close_other: 'Close the batch ({{count}} units) and issue its certificate',
    unit: 'Unit',
    item: 'Item',
    why: 'Why destroy',
    approvedBy: 'Approved by',
    outcome: {
      valid: 'valid — the very file this station issued, its record and batch unchanged',
      not_pdf: 'NOT valid — this is not a PDF',
      unknown: 'NOT valid — no certificate of this station has these bytes',
      file_altered: 'NOT valid — the file was changed after it was issued',
      record_altered: 'NOT valid — the station’s record no longer matches the certificate’s hash',
      batch_changed: 'NOT valid — the certified batch was changed since',
    },
    thisFile: 'This file’s SHA-256:',
  },
};

export type BatchesMessages = typeof messages;
export default messages;
