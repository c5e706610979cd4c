import { looksLikeBadge } from '../../shared/codes/badge-code';
import type { ScanResult, UserView } from '../../shared/domain';
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
}

/** Records a scan: validate, look up, then write the scan and its outbox event in one transaction. */
export class ScanService {
  private readonly insertScan;
  private readonly recent;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly newId: IdGenerator,
    private readonly lookup: CodeLookup,
    private readonly outbox: Outbox,
    private readonly station: () => string,
  ) {
    this.insertScan = db.prepare(
      `INSERT INTO scans (id, code, symbology, source, station, user_id, outcome, parcel_id, return_order_id, scanned_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
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
    const { parcel, returnOrder } = this.lookup.find(code);
    const outcome: ScanResult['outcome'] = returnOrder ? 'return_order' : parcel ? 'parcel' : 'unknown';
    const scanId = this.newId();
    const scannedAt = this.clock.now();
    const station = this.station();
    const userId = user?.id ?? null;

    const outboxEventId = await writeTransaction(this.db, () => {
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
      );
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
      return event.id;
    });

    return { scanId, code, symbology, outcome, parcel, returnOrder, scannedAt, outboxEventId };
  }

  recentScans(limit: number) {
    return this.recent.all(limit);
  }
}
