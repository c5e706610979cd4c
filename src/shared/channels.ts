/**
 * The names of every call on the contract, with no schemas attached, so the preload (which must stay
 * tiny inside Electron's sandbox) can expose exactly these and nothing else.
 */
export const CALL_NAMES = [
  'getSession',
  'listUsers',
  'signIn',
  'signOut',
  'changePin',
  'resetPin',
  'assignBadge',
  'recordScan',
  'recentScans',
  'listQueue',
  'getSettings',
  'updateSettings',
  'getSyncOverview',
  'startDailySync',
  'cancelSync',
  'listSyncReports',
  'listDeadLetters',
  'retryDeadLetter',
  'discardDeadLetter',
  'rotateStationToken',
  'listLabelTemplates',
  'labelExampleData',
  'listPrinters',
  'savePrinter',
  'deletePrinter',
  'testPrint',
  'checkPrinter',
  'printerStatuses',
  'listPrintJobs',
  'reprintJob',
  'previewLabel',
  'previewPrintJob',
  'qcState',
  'qcScan',
  'qcAct',
  'qcSearch',
  'qcUploadPhoto',
  'qcGetPhoto',
  'qcCommandSheet',
  'qcListBins',
  'qcListApprovals',
  'qcDecideApproval',
  'qcListExceptions',
  'qcListRules',
  'qcSaveRules',
  'getActivity',
  'qcApprovalQueue',
  'qcDecideApprovals',
  'qcListBatches',
  'qcGetBatch',
  'qcCloseBatch',
  'qcPrintBatchLabel',
  'qcGetCertificate',
  'qcVerifyCertificate',
  'qcMyShift',
  'qcShiftSummaries',
  'qcPrintShiftSummary',
  'qcBrowseDecisions',
  'qcDecisionTrail',
  'qcResolveException',
  'qcRuleHistory',
  'listAccounts',
  'setCredentials',
  'clearCredentials',
  'testConnection',
] as const;

export type CallName = (typeof CALL_NAMES)[number];

/** The HTTP header naming the browser tab a call comes from: sign-ins belong to a tab, not the station. */
export const CLIENT_HEADER = 'x-lastmile-client';

/** IPC channel for a call; one channel per call, never a generic one. */
export function ipcChannel(name: CallName): string {
  return `lastmile:${name}`;
}
