import { execFileSync } from 'node:child_process';
import { SUPERVISOR_PIN } from '../../helpers/session';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../../src/main/core';
import { main } from '../../../src/main/cli/main';
import { canonicalJson } from '../../../src/main/audit/canonical-json';
import type {
  BatchDetail,
  CertificateFile,
  CertificateVerification,
  DecideApprovalsResult,
} from '../../../src/shared/returns/supervision-views';
import { makeTestCore, type TestCore } from '../../helpers/core-factory';
import { FakePrinter } from '../../helpers/printing/fake-printer';
import { TempDirs } from '../../helpers/temp-dir';
import { addBins, outboxRows } from './qc-fixtures';
import {
  EARBUDS,
  LIPSTICK,
  SERUM,
  actionId,
  auditActions,
  caller,
  pendingDestroy,
  supervisorTab,
  type PendingDestroy,
} from './supervision-fixtures';

const temp = new TempDirs();
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
  temp.cleanup();
});

async function station(): Promise<TestCore & { dir: string }> {
  const dir = temp.make('lastmile-cert-');
  const t = makeTestCore(dir);
  cleanups.push(() => t.core.close());
  addBins(t.core);
  await t.core.settings.update({ stationName: 'BKK-QC-1' });
  return { ...t, dir };
}

function pdfText(file: string): string {
  return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
}

/** What `lastmile certificate verify` prints and exits with, run in-process. */
async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(['certificate', ...args], {
    packageRoot: process.cwd(),
    io: { out: (c) => void (out += String(c)), err: (t) => void (err += t) },
  });
  return { code, out, err };
}

async function approvedBatch(
  core: Core,
  clock: TestCore['clock'],
): Promise<{ items: PendingDestroy[]; batchId: string }> {
  const advance = (ms: number) => clock.advance(ms);
  const items = [
    await pendingDestroy(core, LIPSTICK, { itemPhoto: true, advance }),
    await pendingDestroy(core, SERUM, { advance }),
    await pendingDestroy(core, EARBUDS, { serial: 'SN-EB-77001', advance }),
  ];
  clock.advance(60_000);
  const sup = await supervisorTab(core);
  const result = await sup.call<DecideApprovalsResult>('qcDecideApprovals', {
    approvalIds: items.map((i) => i.approvalId),
    decision: 'approve',
    note: 'evidence checked',
    clientActionId: actionId(),
  });
  expect(result.skipped).toEqual([]);
  const batchId = result.decided[0]?.batchId as string;
  expect(result.decided.map((d) => d.batchId)).toEqual([batchId, batchId, batchId]);
  return { items, batchId };
}

describe('destruction batches and their certificate, on a real station database', () => {
  it('closes a batch by supervisor step-up, issues a PDF whose text and hash check out, and prints the cage label', async () => {
    const { core, clock, dir } = await station();
    const printer = await FakePrinter.start();
    cleanups.push(() => printer.close());
    await core.printing.ready();
    await core.printing.savePrinter(
      {
        id: 'cage-zebra',
        name: 'Cage Zebra',
        language: 'zpl',
        interface: printer.address,
        media: { widthMm: 100, heightMm: 70 },
        dpi: 203,
        fonts: [{ id: '0', scripts: ['latin'] }],
        templates: ['destruction-batch'],
      },
      { id: 'supervisor' },
    );
    const { items, batchId } = await approvedBatch(core, clock);

    // The clerk's own tab may not close it; a wrong PIN is refused and audited; nothing closes.
    const clerk = caller(core, 'clerk-tab');
    expect(await clerk.refused('qcCloseBatch', { batchId, clientActionId: actionId() })).toBe('FORBIDDEN');
    expect(
      await clerk.refused('qcCloseBatch', {
        batchId,
        authorization: { userId: 'supervisor', pin: '9999' },
        clientActionId: actionId(),
      }),
    ).toBe('BAD_PIN');
    expect(auditActions(core, 'session.step_up_failed')).toHaveLength(1);
    expect((await clerk.call<BatchDetail>('qcGetBatch', { batchId })).status).toBe('open');

    clock.advance(120_000);
    const closeId = actionId();
    const closed = await clerk.call<BatchDetail>('qcCloseBatch', {
      batchId,
      note: 'Cage 1, collected by WasteCo',
      authorization: { userId: 'supervisor', pin: SUPERVISOR_PIN },
      clientActionId: closeId,
    });
    expect(closed).toMatchObject({
      status: 'certified',
      closedBy: { id: 'supervisor' },
      note: 'Cage 1, collected by WasteCo',
      totals: { units: 3, photos: 4, byGrade: { B: 2, D: 1 }, unpriced: 0 },
      labelError: null,
      label: { printerId: 'cage-zebra' },
    });
    expect(closed.totals.value).toEqual([{ amount: '2415', currency: 'THB' }]);
    const cert = closed.certificate!;
    expect(cert.id).toMatch(/^DC-/);
    expect(cert.pdfSha256).toMatch(/^[0-9a-f]{64}$/);

    // Audited: the close (by the supervisor, at the clerk's screen) and the certificate's file.
    const closeAudit = auditActions(core, 'qc.batch_closed');
    expect(closeAudit).toHaveLength(1);
    expect(closeAudit[0]).toMatchObject({ entity_id: batchId, user_id: 'supervisor' });
    expect(JSON.parse(closeAudit[0]!.details)).toMatchObject({
      operator: 'clerk',
      units: 3,
      sha256: cert.sha256,
    });
    expect(auditActions(core, 'qc.certificate_issued')).toHaveLength(1);
    // The hub hears of it in the same transaction.
    const hub = outboxRows(core, 'qc.destruction_certified');
    expect(hub).toHaveLength(1);
    expect(hub[0]?.data).toMatchObject({
      batchId,
      certificateId: cert.id,
      sha256: cert.sha256,
      stationId: core.stationId,
    });
    // A retry of the same request (its answer lost) closes nothing again.
    const retried = await clerk.call<BatchDetail>('qcCloseBatch', {
      batchId,
      authorization: { userId: 'supervisor', pin: SUPERVISOR_PIN },
      clientActionId: closeId,
    });
    expect(retried.certificate?.id).toBe(cert.id);
    expect(auditActions(core, 'qc.batch_closed')).toHaveLength(1);

    // The cage label went through the print queue to the printer, naming the batch.
    await printer.waitForJobs(1);
    expect(closed.number).toBe('DB-2026-0001');
    expect(printer.jobs[0]!.toString('latin1')).toContain('DB-2026-0001');

    // Downloaded as the screen does it; a supervisor only.
    expect(await clerk.refused('qcGetCertificate', { batchId })).toBe('FORBIDDEN');
    const sup = await supervisorTab(core);
    const file = await sup.call<CertificateFile>('qcGetCertificate', { batchId });
    expect(file).toMatchObject({
      mimeType: 'application/pdf',
      fileName: `destruction-certificate-${cert.id}.pdf`,
    });
    const bytes = Buffer.from(file.dataBase64, 'base64');
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(cert.pdfSha256);
    const pdfFile = path.join(dir, 'downloaded.pdf');
    fs.writeFileSync(pdfFile, bytes);
    // Kept for a person to look at (test-output is not committed).
    fs.mkdirSync(path.join(process.cwd(), 'test-output'), { recursive: true });
    fs.copyFileSync(pdfFile, path.join(process.cwd(), 'test-output', 'destruction-certificate.pdf'));

    // The hash: over the canonical content, stored, and printed on the certificate.
    const row = core.db
      .prepare<[string], { sha256: string; content: string }>(
        'SELECT sha256, content FROM destruction_certificates WHERE batch_id = ?',
      )
      .get(batchId)!;
    expect(row.sha256).toBe(cert.sha256);
    expect(
      createHash('sha256')
        .update(canonicalJson(JSON.parse(row.content)))
        .digest('hex'),
    ).toBe(cert.sha256);
    const text = pdfText(pdfFile);
    const flat = text.replace(/\s+/g, ' ');
    expect(flat).toContain('DESTRUCTION CERTIFICATE');
    expect(flat).toContain(cert.sha256);
    expect(flat).toContain(`Certificate: ${cert.id}`);
    expect(flat).toContain(`Batch: DB-2026-0001 (${batchId})`);
    expect(flat).toContain(`Station: BKK-QC-1 (station id ${core.stationId})`);
    expect(flat).toContain('Units destroyed: 3');
    expect(flat).toContain('Photos: 4');
    expect(flat).toContain('Value at return prices: 2415 THB');
    expect(flat).toContain('Closed and approved:');
    expect(flat).toContain('by Supervisor (supervisor)');
    expect(flat).toContain('At the screen of: Clerk (clerk)');
    expect(flat).toContain('Note: Cage 1, collected by WasteCo');
    // Every unit: return id, order, SKU, name in its own script, serial, grade, scrap reason, who, which station.
    for (const item of items) {
      expect(flat).toContain(item.licensePlate);
      expect(flat).toContain(`return ${item.platformReturnId}`);
      expect(flat).toContain(`order ${item.orderId}`);
      expect(flat).toContain(`decision ${item.decisionId}`);
      expect(flat).toContain(`approval ${item.approvalId}`);
      expect(flat).toContain(`SHA-256 ${item.evidence}`);
      if (item.itemPhoto) expect(flat).toContain(`SHA-256 ${item.itemPhoto}`);
    }
    expect(flat).toContain('SKU-LIPSTICK-07 — Lipstick 07 ลิปสติก สีแดง');
    expect(flat).toContain('SKU-SERUM-30 — 精华液 Serum 30 ml');
    expect(flat).toContain('SKU-EARBUDS-W — Tai nghe không dây W');
    expect(flat).toContain('Serial: SN-EB-77001');
    expect(flat).toContain('Grade: B opened');
    expect(flat).toContain('Grade: D unusable');
    expect(flat).toContain('Scrap reason: hygiene');
    expect(flat).toContain('Scrap reason: broken beyond repair');
    expect(flat).toMatch(/Decided by Clerk \(clerk\) at 2026-01-15 \d\d:\d\d:\d\d UTC, station /);
    expect(flat).toContain(`station ${core.stationId} (decision`);
    expect(flat.match(/Approved by Supervisor \(supervisor\) at [^)]+ in the approvals queue/g)).toHaveLength(
      3,
    );
    expect(flat).toMatch(/page 1 of \d/);

    // Verification: the contract call and the command line, on the file as downloaded.
    const verdict = await clerk.call<CertificateVerification>('qcVerifyCertificate', {
      dataBase64: file.dataBase64,
    });
    expect(verdict).toMatchObject({
      valid: true,
      outcome: 'valid',
      certificateId: cert.id,
      sha256: cert.sha256,
      recomputedSha256: cert.sha256,
    });
    const ok = await cli(['verify', pdfFile, '--data', dir]);
    expect(ok).toMatchObject({ code: 0 });
    expect(ok.out).toContain(`certificate ${cert.id} of batch ${batchId}`);
    expect(ok.out).toContain(`${cert.sha256} (recomputed: same)`);

    // One byte changed anywhere in the file: it is still a PDF that names the certificate, and fails.
    const tampered = Buffer.from(bytes);
    const at = tampered.indexOf(Buffer.from('/Subject'));
    tampered[at + 12] = tampered[at + 12] === 0x41 ? 0x42 : 0x41;
    const tamperedFile = path.join(dir, 'tampered.pdf');
    fs.writeFileSync(tamperedFile, tampered);
    const bad = await cli(['verify', tamperedFile, '--data', dir]);
    expect(bad.code).toBe(1);
    expect(bad.out).toContain('NOT valid: the file was altered after it was issued');
    expect(bad.out).toContain(`certificate ${cert.id}`);
    const badJson = JSON.parse(
      (await cli(['verify', tamperedFile, '--data', dir, '--json'])).out,
    ) as CertificateVerification;
    expect(badJson).toMatchObject({
      valid: false,
      outcome: 'file_altered',
      certificateId: cert.id,
      issuedPdfSha256: cert.pdfSha256,
    });
    const notPdf = path.join(dir, 'not.pdf');
    fs.writeFileSync(notPdf, 'hello');
    expect((await cli(['verify', notPdf, '--data', dir])).code).toBe(1);
    expect((await cli(['verify', pdfFile])).code).toBe(2);
  });

  it('fails verification when the stored record or the certified batch is edited in the database', async () => {
    const { core, clock, dir } = await station();
    await core.printing.ready();
    const { items, batchId } = await approvedBatch(core, clock);
    const sup = await supervisorTab(core);
    const closed = await sup.call<BatchDetail>('qcCloseBatch', { batchId, clientActionId: actionId() });
    // No printer is set up: the batch closes all the same and its cage label waits in the queue.
    expect(closed.labelError).toBeNull();
    expect(
      core.db.prepare("SELECT printer_id, status FROM print_jobs WHERE template = 'destruction-batch'").all(),
    ).toEqual([{ printer_id: '', status: 'queued' }]);
    const file = await sup.call<CertificateFile>('qcGetCertificate', { batchId });
    const pdfFile = path.join(dir, 'c.pdf');
    fs.writeFileSync(pdfFile, Buffer.from(file.dataBase64, 'base64'));
    expect((await cli(['verify', pdfFile, '--data', dir])).code).toBe(0);

    // A grade edited by hand after the certificate was issued.
    core.db.prepare(`UPDATE qc_unit_decisions SET grade = 'C' WHERE id = ?`).run(items[1]!.decisionId);
    const changed = await cli(['verify', pdfFile, '--data', dir, '--json']);
    expect(changed.code).toBe(1);
    const v = JSON.parse(changed.out) as CertificateVerification;
    expect(v.outcome).toBe('batch_changed');
    expect(v.differences).toEqual([`${items[1]!.licensePlate}: grade is C, certified B`]);
    core.db.prepare(`UPDATE qc_unit_decisions SET grade = 'B' WHERE id = ?`).run(items[1]!.decisionId);

    // The stored content rewritten (a serial changed): it no longer hashes to the printed SHA-256.
    core.db
      .prepare(
        `UPDATE destruction_certificates SET content = replace(content, 'SN-EB-77001', 'SN-EB-99999') WHERE batch_id = ?`,
      )
      .run(batchId);
    const record = JSON.parse(
      (await cli(['verify', pdfFile, '--data', dir, '--json'])).out,
    ) as CertificateVerification;
    expect(record).toMatchObject({
      valid: false,
      outcome: 'record_altered',
      sha256: closed.certificate!.sha256,
    });
    expect(record.recomputedSha256).not.toBe(closed.certificate!.sha256);

    // Another station's database knows nothing of the file.
    const other = makeTestCore(temp.make('lastmile-cert-other-'));
    cleanups.push(() => other.core.close());
    const unknown = await caller(other.core, 'x').call<CertificateVerification>('qcVerifyCertificate', {
      dataBase64: file.dataBase64,
    });
    expect(unknown).toMatchObject({ valid: false, outcome: 'unknown', certificateId: null });
  });

  it('draws the same PDF again after a crash between closing the batch and writing the file', async () => {
    const { core, clock } = await station();
    await core.printing.ready();
    const { batchId } = await approvedBatch(core, clock);
    const sup = await supervisorTab(core);
    const closed = await sup.call<BatchDetail>('qcCloseBatch', { batchId, clientActionId: actionId() });
    const first = await sup.call<CertificateFile>('qcGetCertificate', { batchId });
    // As if the process died after the closing transaction: no file, no file hash, batch still "closed".
    core.db
      .prepare('UPDATE destruction_certificates SET pdf_sha256 = NULL, pdf_bytes = NULL WHERE batch_id = ?')
      .run(batchId);
    core.db.prepare(`UPDATE destruction_batches SET status = 'closed' WHERE id = ?`).run(batchId);
    fs.rmSync(path.join(core.dataDir, 'certificates'), { recursive: true });
    expect((await sup.call<BatchDetail>('qcGetBatch', { batchId })).status).toBe('closed');
    const again = await sup.call<CertificateFile>('qcGetCertificate', { batchId });
    expect(again.pdfSha256).toBe(closed.certificate!.pdfSha256);
    expect(again.dataBase64).toBe(first.dataBase64);
    expect((await sup.call<BatchDetail>('qcGetBatch', { batchId })).status).toBe('certified');
    // An empty or closed batch cannot be closed.
    expect(await sup.refused('qcCloseBatch', { batchId, clientActionId: actionId() })).toBe(
      'QC_BATCH_NOT_OPEN',
    );
  });
});
