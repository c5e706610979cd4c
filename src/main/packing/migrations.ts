import { MANIFEST_STATUSES } from '../../shared/packing/manifest';
import { OUTBOUND_ORDER_STATUSES, PLATFORM_STAGES } from '../../shared/packing/outbound-order';
import { CUTOFF_ACTIONS, PACK_STEPS, PACKAGE_STATES } from '../../shared/packing/pack-views';
import type { CapabilityMigration } from '../printing/migrations';

const list = (values: readonly string[]): string => values.map((v) => `'${v}'`).join(', ');

/**
 * The packing capability's tables: the orders to pack (from TikTok Shop or a seller's ERP) with
 * every deadline, their lines, the bench's box presets, and carrier manifests with their parcels.
 * A parcel is on one manifest only (unique per carrier and tracking number, whatever the manifest).
 */
export const packingMigrations: CapabilityMigration[] = [
  {
    id: 'packing/001-foundations',
    sql: `
CREATE TABLE outbound_orders (
  id                   TEXT PRIMARY KEY,
  source               TEXT NOT NULL,
  external_id          TEXT NOT NULL,
  seller               TEXT,
  market               TEXT NOT NULL CHECK (length(market) = 2),
  status               TEXT NOT NULL CHECK (status IN (${list(OUTBOUND_ORDER_STATUSES)})),
  stage                TEXT NOT NULL CHECK (stage IN (${list(PLATFORM_STAGES)})),
  platform_status      TEXT,
  cancellation         TEXT CHECK (cancellation IS NULL OR json_valid(cancellation)),
  recipient            TEXT NOT NULL CHECK (json_valid(recipient)),
  cod_minor            INTEGER CHECK (cod_minor IS NULL OR cod_minor >= 0),
  cod_currency         TEXT,
  ship_by              INTEGER,
  ship_auto_cancel     INTEGER,
  collect_by           INTEGER,
  collect_auto_cancel  INTEGER,
  deliver_by           INTEGER,
  deliver_auto_cancel  INTEGER,
  shipping_type        TEXT CHECK (shipping_type IS NULL OR shipping_type IN ('platform', 'seller')),
  delivery_option_id   TEXT,
  service              TEXT,
  notes                TEXT,
  content_hash         TEXT NOT NULL,
  source_hash          TEXT NOT NULL,
  source_updated_at    INTEGER,
  created_at           INTEGER NOT NULL,
  updated_at           INTEGER NOT NULL,
  UNIQUE (source, external_id),
  CHECK ((cod_minor IS NULL) = (cod_currency IS NULL))
) STRICT;
CREATE INDEX outbound_orders_queue ON outbound_orders (status, ship_by);
CREATE INDEX outbound_orders_by_deadline ON outbound_orders (ship_auto_cancel) WHERE status IN ('to_pack', 'packing');

CREATE TABLE outbound_order_lines (
  order_id      TEXT NOT NULL REFERENCES outbound_orders (id) ON DELETE CASCADE,
  position      INTEGER NOT NULL,
  line_ref      TEXT NOT NULL,
  sku           TEXT NOT NULL,
  product_name  TEXT NOT NULL,
  quantity      INTEGER NOT NULL CHECK (quantity > 0),
  unit_grams    INTEGER CHECK (unit_grams IS NULL OR unit_grams >= 0),
  barcode       TEXT,
  package_id    TEXT,
  PRIMARY KEY (order_id, line_ref)
) STRICT, WITHOUT ROWID;

CREATE TABLE box_presets (
  code        TEXT PRIMARY KEY,
  preset      TEXT NOT NULL CHECK (json_valid(preset)),
  active      INTEGER NOT NULL CHECK (active IN (0, 1)),
  updated_at  INTEGER NOT NULL
) STRICT;

CREATE TABLE manifests (
  id             TEXT PRIMARY KEY,
  carrier        TEXT NOT NULL,
  station_id     TEXT NOT NULL,
  manifest_date  TEXT NOT NULL,
  status         TEXT NOT NULL CHECK (status IN (${list(MANIFEST_STATUSES)})),
  opened_by      TEXT NOT NULL,
  opened_at      INTEGER NOT NULL,
  closed_by      TEXT,
  closed_at      INTEGER,
  driver_name    TEXT,
  vehicle        TEXT,
  missing        TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(missing)),
  CHECK ((status = 'closed') = (closed_at IS NOT NULL)),
  CHECK (status = 'open' OR (driver_name IS NOT NULL AND closed_by IS NOT NULL))
) STRICT;
CREATE UNIQUE INDEX manifests_one_open ON manifests (carrier, manifest_date) WHERE status = 'open';

CREATE TABLE manifest_parcels (
  manifest_id      TEXT NOT NULL REFERENCES manifests (id),
  seq              INTEGER NOT NULL,
  tracking_number  TEXT NOT NULL,
  carrier          TEXT NOT NULL,
  order_ref        TEXT,
  weight_grams     INTEGER NOT NULL CHECK (weight_grams > 0),
  cod_minor        INTEGER CHECK (cod_minor IS NULL OR cod_minor >= 0),
  cod_currency     TEXT,
  scanned_by       TEXT NOT NULL,
  scanned_at       INTEGER NOT NULL,
  PRIMARY KEY (manifest_id, seq),
  CHECK ((cod_minor IS NULL) = (cod_currency IS NULL))
) STRICT;
CREATE UNIQUE INDEX manifest_parcels_once ON manifest_parcels (carrier, tracking_number);
`,
  },
];

/**
 * The packing flow: the packages an order is packed as (a split adds one), the bench's one open
 * pack session per station (what it verified, weighed and routed — a restart resumes it), the
 * action journal that answers a repeated client action id once, and the wrong-item scans the
 * shift summary counts. A tracking number is on one package only.
 */
export const packingFlow: CapabilityMigration = {
  id: 'packing/002-pack-flow',
  sql: `
CREATE TABLE pack_packages (
  id                TEXT PRIMARY KEY,
  -- No foreign key: the order store replaces an updated order's row under the same id.
  order_id          TEXT NOT NULL,
  package_no        INTEGER NOT NULL CHECK (package_no >= 1),
  lines             TEXT NOT NULL CHECK (json_valid(lines)),
  state             TEXT NOT NULL CHECK (state IN (${list(PACKAGE_STATES)})),
  carrier           TEXT,
  destination       TEXT,
  service_id        TEXT,
  tracking_number   TEXT,
  provider_id       TEXT,
  weight_grams      INTEGER CHECK (weight_grams IS NULL OR weight_grams > 0),
  chargeable_grams  INTEGER,
  items             INTEGER NOT NULL DEFAULT 0,
  serials           TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(serials)),
  booking           TEXT CHECK (booking IS NULL OR json_valid(booking)),
  photo_sha256      TEXT,
  opened_at         INTEGER,
  packed_by         TEXT,
  packed_at         INTEGER,
  late              INTEGER NOT NULL DEFAULT 0 CHECK (late IN (0, 1)),
  label_job_id      TEXT,
  slip_job_id       TEXT,
  ship_event_id     TEXT,
  label_attempts    INTEGER NOT NULL DEFAULT 0,
  label_error       TEXT,
  manifest_id       TEXT REFERENCES manifests (id),
  handed_over_at    INTEGER,
  created_at        INTEGER NOT NULL,
  UNIQUE (order_id, package_no)
) STRICT;
CREATE UNIQUE INDEX pack_packages_tracking ON pack_packages (tracking_number) WHERE tracking_number IS NOT NULL;
CREATE INDEX pack_packages_state ON pack_packages (state, carrier);
CREATE INDEX pack_packages_packed ON pack_packages (packed_at) WHERE packed_at IS NOT NULL;

CREATE TABLE pack_sessions (
  station_id  TEXT PRIMARY KEY,
  id          TEXT NOT NULL UNIQUE,
  package_id  TEXT NOT NULL UNIQUE REFERENCES pack_packages (id),
  step        TEXT NOT NULL CHECK (step IN (${list(PACK_STEPS)})),
  verified    TEXT NOT NULL CHECK (json_valid(verified)),
  weight      TEXT CHECK (weight IS NULL OR json_valid(weight)),
  route       TEXT CHECK (route IS NULL OR json_valid(route)),
  opened_by   TEXT NOT NULL,
  opened_at   INTEGER NOT NULL
) STRICT;

CREATE TABLE pack_actions (
  id      TEXT PRIMARY KEY,
  call    TEXT NOT NULL,
  result  TEXT NOT NULL CHECK (json_valid(result)),
  at      INTEGER NOT NULL
) STRICT;

CREATE TABLE pack_wrong_scans (
  id          INTEGER PRIMARY KEY,
  package_id  TEXT NOT NULL,
  code        TEXT NOT NULL,
  user_id     TEXT NOT NULL,
  at          INTEGER NOT NULL
) STRICT;
`,
};

/**
 * Serial numbers and the sealing photo: an order line may need each unit's serial scanned
 * (`serial_required`, from the ERP file), and the open session keeps the photo taken before sealing
 * (its SHA-256; the bytes are a file in the station's photo folder, the row in `qc_photos`).
 */
export const packingSerialsPhotos: CapabilityMigration = {
  id: 'packing/003-serials-photos',
  sql: `
ALTER TABLE outbound_order_lines ADD COLUMN serial_required INTEGER NOT NULL DEFAULT 0 CHECK (serial_required IN (0, 1));
ALTER TABLE pack_sessions ADD COLUMN photo_sha256 TEXT CHECK (photo_sha256 IS NULL OR length(photo_sha256) = 64);
`,
};

/**
 * The item classes of each order line (battery, liquid, …) that routing checks against the
 * carrier service's `accepts`: a JSON array, empty when the source says nothing.
 */
export const packingItemClasses: CapabilityMigration = {
  id: 'packing/004-item-classes',
  sql: `
ALTER TABLE outbound_order_lines ADD COLUMN item_classes TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(item_classes));
`,
};

/**
 * Orders packed in another order's package (combined: same buyer and address). The order keeps
 * no package of its own; its lines travel in `package_id`'s lines with its order id. For a TikTok
 * Shop order `combine_event_id` is the platform combination in the outbox.
 */
export const packingCombinedOrders: CapabilityMigration = {
  id: 'packing/005-combined-orders',
  sql: `
CREATE TABLE pack_combined_orders (
  order_id          TEXT PRIMARY KEY REFERENCES outbound_orders (id),
  package_id        TEXT NOT NULL REFERENCES pack_packages (id),
  combine_event_id  TEXT,
  combined_by       TEXT NOT NULL,
  combined_at       INTEGER NOT NULL
) STRICT;
CREATE INDEX pack_combined_orders_package ON pack_combined_orders (package_id);
`,
};

/**
 * Per-carrier cut-offs the supervisor set (overriding src/shared/packing/carrier-cutoffs.ts), the
 * supervisor's resolutions of parcels that missed theirs, and what a sealed parcel held when it
 * was packed (`sealed`: the verified lines and the weight) so a rebooked parcel goes back to
 * routing without being unpacked.
 */
export const packingCutoffs: CapabilityMigration = {
  id: 'packing/006-cutoffs',
  sql: `
CREATE TABLE pack_cutoffs (
  carrier      TEXT NOT NULL,
  market       TEXT NOT NULL CHECK (market = '*' OR length(market) = 2),
  last_pickup  TEXT NOT NULL CHECK (last_pickup GLOB '[0-2][0-9]:[0-5][0-9]'),
  days         TEXT CHECK (days IS NULL OR json_valid(days)),
  updated_by   TEXT NOT NULL,
  updated_at   INTEGER NOT NULL,
  PRIMARY KEY (carrier, market)
) STRICT;

CREATE TABLE pack_cutoff_resolutions (
  id          TEXT PRIMARY KEY,
  package_id  TEXT NOT NULL REFERENCES pack_packages (id),
  packed_at   INTEGER NOT NULL,
  action      TEXT NOT NULL CHECK (action IN (${list(CUTOFF_ACTIONS)})),
  note        TEXT,
  until       INTEGER,
  voided_tracking TEXT,
  resolved_by TEXT NOT NULL,
  resolved_at INTEGER NOT NULL,
  CHECK (action <> 'note' OR length(trim(note)) > 0),
  CHECK (action <> 'next_pickup' OR until IS NOT NULL)
) STRICT;
CREATE INDEX pack_cutoff_resolutions_package ON pack_cutoff_resolutions (package_id, resolved_at);

ALTER TABLE pack_packages ADD COLUMN sealed TEXT CHECK (sealed IS NULL OR json_valid(sealed));
`,
};

/**
 * The shipping provider's name as the platform gave it, for a platform-shipped package: the
 * parcel goes on our carrier's manifest when we know the provider, and is shown by this name
 * when we do not (it then stays under the platform's carrier). Packages are found by their ship
 * event when its delivery is reported (every delivered event is looked up).
 */
export const packingPlatformProvider: CapabilityMigration = {
  id: 'packing/007-platform-provider',
  sql: `
ALTER TABLE pack_packages ADD COLUMN provider_name TEXT;
CREATE INDEX pack_packages_ship_event ON pack_packages (ship_event_id);
`,
};

/**
 * The supervisor's SKU → item classes list (a CSV import) for lines whose source names none:
 * TikTok Shop orders carry no item class, ERP lines carry their own.
 */
export const packingSkuItemClasses: CapabilityMigration = {
  id: 'packing/008-sku-item-classes',
  sql: `
CREATE TABLE pack_sku_item_classes (
  sku           TEXT PRIMARY KEY,
  item_classes  TEXT NOT NULL CHECK (json_valid(item_classes)),
  imported_by   TEXT NOT NULL,
  imported_at   INTEGER NOT NULL
) STRICT;
`,
};

/**
 * The SKU list also says which SKUs need a serial number per unit (a TikTok Shop line carries no
 * such flag; an ERP line has its own column). The index serves the one question asked of it.
 */
export const packingSkuSerials: CapabilityMigration = {
  id: 'packing/009-sku-serials',
  sql: `
ALTER TABLE pack_sku_item_classes ADD COLUMN serial_required INTEGER NOT NULL DEFAULT 0 CHECK (serial_required IN (0, 1));
CREATE INDEX pack_sku_serial_required ON pack_sku_item_classes (sku) WHERE serial_required = 1;
`,
};

/**
 * How often a parcel's label was voided by a rebook: the booking reference the carrier
 * de-duplicates on takes it as a suffix, so booking the same line again after a void gets a new
 * order rather than the cancelled one back.
 */
export const packingRebooks: CapabilityMigration = {
  id: 'packing/010-rebooks',
  sql: `
ALTER TABLE pack_packages ADD COLUMN rebooks INTEGER NOT NULL DEFAULT 0 CHECK (rebooks >= 0);
`,
};
