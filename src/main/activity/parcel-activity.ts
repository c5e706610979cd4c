import type { Activity, OpenParcel } from '../../shared/calls/activity';
import type { Clock } from '../clock';
import type { Logger } from '../logger';

/**
 * Something that knows whether parcels are open at this station. The returns QC registers its
 * open receipts here (one entry per client with a receipt open); the recent-scan rule is the
 * station-wide stand-in until it does.
 */
export interface ParcelActivitySource {
  readonly name: string;
  openParcels(now: number): OpenParcel[];
}

/**
 * Whether any client of the station has a parcel open, asked by whoever must not interrupt one:
 * the updater (through the getActivity call), later a supervisor's screen. Each capability that
 * opens parcels registers a source; the answer is open if any source says so. A source that fails
 * counts as open: an update waits rather than restart under a clerk's hands.
 */
export class ParcelActivity {
  private readonly sources = new Map<string, ParcelActivitySource>();

  constructor(
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  /** Adds a source (replacing one of the same name); returns a function that removes it. */
  register(source: ParcelActivitySource): () => void {
    this.sources.set(source.name, source);
    return () => {
      if (this.sources.get(source.name) === source) this.sources.delete(source.name);
    };
  }

  sourceNames(): string[] {
    return [...this.sources.keys()];
  }

  current(): Activity {
    const now = this.clock.now();
    const open: OpenParcel[] = [];
    for (const source of this.sources.values()) {
      try {
        open.push(...source.openParcels(now));
      } catch (error) {
        this.logger.warn('parcel activity source failed; counting a parcel as open', {
          source: source.name,
          error,
        });
        open.push({ source: source.name, clientId: null, since: now });
      }
    }
    return { parcelOpen: open.length > 0, open, checkedAt: now };
  }
}
