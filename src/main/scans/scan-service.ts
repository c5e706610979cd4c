import { looksLikeBadge } from '../../shared/codes/badge-code';
import type { ScanResult, UserView } from '../../shared/domain';
import { lookupKeys } from '../../shared/codes/lookup-keys';
import { recognise } from '../../shared/codes/recognise';
import { AppError } from '../../shared/errors';
import { normaliseScan } from '../../shared/scan-code';
import type { Clock } from '../clock';
import type { Db } from '../db/open';
import { writeTransaction } from '../db/write';
import type { IdGenerator } from '../ids';
import type { Outbox } from '../outbox/outbox';
import type { CodeLookup } from './lookup';
import { routeScan } from './scan-routing';

export interface RecordScanInput {
  code: string;
  source: 'scanner' | 'keyboard';
  /** The screen's id for this one scan: a request sent again with it is answered, not recorded again. */
  clientScanId?: string | undefined;
}

interface StoredScanRow {
  id: string;
  code: string;
  symbology: string | null;
  outcome: ScanResult['outcome'];
  parcel_id: string | null;
  return_order_id: string | null;
  scanned_at: number;
  outbox_event_id: string | null;
}

/** Records a scan: validate, look up, then write the scan and its outbox event in one transaction. */
export class ScanService {
  private readonly insertScan;
  private readonly recent;
  private readonly byClientScanId;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly newId: IdGenerator,
    private readonly lookup: CodeLookup,
    private readonly outbox: Outbox,
    private readonly station: () => string,
  ) {
    this.insertScan = db.prepare(
      `INSERT INTO scans (id, code, symbology, source, station, user_id, outcome, parcel_id, return_order_id,
         scanned_at, client_scan_id, outbox_event_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.byClientScanId = db.prepare<[string], StoredScanRow>(
      `SELECT id, code, symbology, outcome, parcel_id, return_order_id, scanned_at, outbox_event_id
       FROM scans WHERE client_scan_id = ?`,
    );
    this.recent = db.prepare<
      [number],
      {
        scanId: string;
        code: string;
        outcome: ScanResult['outcome'];
        scannedAt: number;
        userName: string | null;
      }
    >(
      `SELECT s.id AS scanId, s.code, s.outcome, s.scanned_at AS scannedAt, u.name AS userName
       FROM scans s LEFT JOIN users u ON u.id = s.user_id ORDER BY s.id DESC LIMIT ?`,
    );
  }

  async record(input: RecordScanInput, user: UserView | null): Promise<ScanResult> {
    const { code, symbology } = normaliseScan(input.code);
    // A staff badge is a sign-in, never a parcel: nothing of it is recorded or sent anywhere.
    if (looksLikeBadge(code)) throw new AppError('SCAN_IS_BADGE');
    const clientScanId = input.clientScanId ?? null;
    // A retry of a scan that did commit (its answer was lost, or came back "busy") is answered
    // with what the first one recorded.
    const earlier = clientScanId === null ? null : this.recorded(clientScanId, code);
    if (earlier) return earlier;

    // The code as scanned first, then what is inside it: a GS1 string's SSCC or tracking number,
    // an IMpb without its 420+ZIP prefix.
    const { parcel, returnOrder } = this.lookup.findFirst([code, ...lookupKeys(recognise(input.code))]);
    const outcome: ScanResult['outcome'] = returnOrder ? 'return_order' : parcel ? 'parcel' : 'unknown';
    const scanId = this.newId();
    const scannedAt = this.clock.now();
    const station = this.station();
    const userId = user?.id ?? null;

    return writeTransaction(this.db, (): ScanResult => {
      // Again under the write lock: the same scan may have been committed by a request still in
      // flight when this one started.
      const committed = clientScanId === null ? null : this.recorded(clientScanId, code);
      if (committed) return committed;
      const route = routeScan(outcome, parcel, returnOrder, code);
      const base = { scanId, code, station, userId, scannedAt };
      const event =
        route.type === 'scan.unknown'
          ? this.outbox.enqueue(this.db, { ...route, type: 'scan.unknown', payload: base })
          : this.outbox.enqueue(this.db, {
              ...route,
              type: 'scan.recorded',
              payload: {
                ...base,
                parcelId: parcel?.id ?? null,
                trackingNumber: parcel?.trackingNumber ?? returnOrder?.returnTrackingNumber ?? null,
                returnOrderId: returnOrder?.id ?? null,
                platformReturnId: returnOrder?.platformReturnId ?? null,
              },
            });
      this.insertScan.run(
        scanId,
        code,
        symbology,
        input.source,
        station,
        userId,
        outcome,
        parcel?.id ?? null,
        returnOrder?.id ?? null,
        scannedAt,
        clientScanId,
        event.id,
      );
      return { scanId, code, symbology, outcome, parcel, returnOrder, scannedAt, outboxEventId: event.id };
    });
  }

  /** The scan already recorded under this client id, as it was answered; null when there is none. */
  private recorded(clientScanId: string, code: string): ScanResult | null {
    const row = this.byClientScanId.get(clientScanId);
    if (!row) return null;
    if (row.code !== code || row.outbox_event_id === null) {
      // An id is made for one scan; the same id with another code is a bug in the caller, not a retry.
      throw new AppError('VALIDATION_FAILED', { call: 'recordScan', field: 'clientScanId', issue: 'reused' });
    }
    const { parcel, returnOrder } = this.lookup.byIds(row.parcel_id, row.return_order_id);
    return {
      scanId: row.id,
      code: row.code,
      symbology: row.symbology,
      outcome: row.outcome,
      parcel,
      returnOrder,
      scannedAt: row.scanned_at,
      outboxEventId: row.outbox_event_id,
    };
  }

  recentScans(limit: number) {
    return this.recent.all(limit);
  }
}
