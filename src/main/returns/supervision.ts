import { ApprovalQueue } from './approval-queue';
import { CertificateVerifier } from './certificate-verifier';
import { DecisionBrowser } from './decision-browser';
import { DestructionBatches } from './destruction-batches';
import { DestructionCertificates } from './destruction-certificates';
import { ExceptionDesk } from './exception-desk';
import { RuleHistory } from './rule-history';
import { ShiftSummaries } from './shift-summaries';
import { People, type SupervisionDeps } from './supervision-context';

/** The supervisor's side of return QC at one station (or at a hub, given its database). */
export interface Supervision {
  people: People;
  approvals: ApprovalQueue;
  batches: DestructionBatches;
  certificates: DestructionCertificates;
  verifier: CertificateVerifier;
  shifts: ShiftSummaries;
  decisions: DecisionBrowser;
  exceptions: ExceptionDesk;
  rules: RuleHistory;
}

export function createSupervision(deps: SupervisionDeps): Supervision {
  const people = new People(deps);
  const approvals = new ApprovalQueue(deps, people);
  const certificates = new DestructionCertificates(deps, people);
  return {
    people,
    approvals,
    certificates,
    batches: new DestructionBatches(deps, people, approvals, certificates),
    verifier: new CertificateVerifier(deps.db, deps.stationId),
    shifts: new ShiftSummaries(deps, people),
    decisions: new DecisionBrowser(deps, people, approvals),
    exceptions: new ExceptionDesk(deps, people),
    rules: new RuleHistory(deps, people),
  };
}
