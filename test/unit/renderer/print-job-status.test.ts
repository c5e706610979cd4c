import { describe, expect, it } from 'vitest';
import { jobStatusKey } from '../../../src/renderer/src/features/printers/job-status';

describe('a print job’s words', () => {
  it('a queued job no printer prints yet is waiting for a printer; others say their status', () => {
    expect(jobStatusKey({ status: 'queued', printerId: '' })).toBe('printJobStatus.waiting_for_printer');
    expect(jobStatusKey({ status: 'queued', printerId: 'qc-zebra' })).toBe('printJobStatus.queued');
    expect(jobStatusKey({ status: 'cancelled', printerId: '' })).toBe('printJobStatus.cancelled');
  });
});
