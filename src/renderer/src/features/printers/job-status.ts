import type { PrintJobView } from '../../../../shared/printing';
import { UNROUTED_PRINTER } from './printer-banner';

/**
 * The words for a job's state: a queued job no printer of the station prints yet is "waiting for
 * a printer" (it prints once one is set up for its template), not merely waiting its turn.
 */
export function jobStatusKey(job: Pick<PrintJobView, 'status' | 'printerId'>): string {
  if (job.status === 'queued' && job.printerId === UNROUTED_PRINTER)
    return 'printJobStatus.waiting_for_printer';
  return `printJobStatus.${job.status}`;
}
