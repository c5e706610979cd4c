import http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  BookingError,
  type BookedShipment,
  type BookingRequest,
  type PackBooking,
} from '../../../src/main/packing/pack-booking';

export type FakeCarrierMode = 'up' | 'down' | { refuse: string };

/**
 * A carrier's booking API on 127.0.0.1: POST /shipments books a parcel and answers its tracking
 * number — the same reference twice answers the same number (the carrier de-duplicates on our
 * reference; the package id where none is sent). `down` answers 503 (offline), `refuse` 422 with a reason. Its store is the truth:
 * every booking request in arrival order.
 */
export class FakeCarrier {
  mode: FakeCarrierMode = 'up';
  readonly requests: BookingRequest[] = [];
  /** By reference: the package booked and its tracking number. */
  private readonly booked = new Map<string, { packageId: string; trackingNumber: string }>();
  private server: http.Server | null = null;
  private seq = 0;
  url = '';

  constructor(private readonly prefix = 'JMY') {}

  static async start(prefix?: string): Promise<FakeCarrier> {
    const carrier = new FakeCarrier(prefix);
    await carrier.listen();
    return carrier;
  }

  bookings(): Array<{ packageId: string; trackingNumber: string }> {
    return [...this.booked.values()];
  }

  private listen(): Promise<void> {
    const server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        if (req.method !== 'POST' || req.url !== '/shipments') {
          res.writeHead(404).end();
          return;
        }
        if (this.mode === 'down') {
          res.writeHead(503, { 'content-type': 'application/json' }).end('{"error":"maintenance"}');
          return;
        }
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as BookingRequest;
        this.requests.push(body);
        if (typeof this.mode === 'object') {
          res
            .writeHead(422, { 'content-type': 'application/json' })
            .end(JSON.stringify({ error: this.mode.refuse }));
          return;
        }
        const reference = body.reference ?? body.packageId;
        let tracking = this.booked.get(reference)?.trackingNumber;
        if (!tracking) {
          this.seq += 1;
          tracking = `${this.prefix}${String(this.seq).padStart(9, '0')}`;
          this.booked.set(reference, { packageId: body.packageId, trackingNumber: tracking });
        }
        res
          .writeHead(201, { 'content-type': 'application/json' })
          .end(JSON.stringify({ trackingNumber: tracking }));
      });
    });
    this.server = server;
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => {
        this.url = `http://127.0.0.1:${String((server.address() as AddressInfo).port)}`;
        resolve();
      });
    });
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      if (!this.server) return resolve();
      this.server.closeAllConnections();
      this.server.close(() => resolve());
    });
  }
}

/** The bench's booking over HTTP to fake carriers, one per carrier code. */
export function httpBooking(carriers: Record<string, FakeCarrier>): PackBooking {
  return {
    lines: () => Object.keys(carriers),
    async book(request, signal): Promise<BookedShipment> {
      const carrier = carriers[request.carrier];
      if (!carrier) throw new BookingError('refused', `no carrier ${request.carrier}`);
      let res: Response;
      try {
        res = await fetch(`${carrier.url}/shipments`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(request),
          signal,
        });
      } catch (err) {
        throw new BookingError('offline', String(err));
      }
      const body = (await res.json()) as { trackingNumber?: string; error?: string };
      if (res.status >= 500) throw new BookingError('offline', `HTTP ${String(res.status)}`);
      if (!res.ok || !body.trackingNumber)
        throw new BookingError('refused', body.error ?? `HTTP ${String(res.status)}`);
      return { trackingNumber: body.trackingNumber };
    },
  };
}
