import type { ManifestView, PackCombinable, PackSession } from '../../../../shared/packing/pack-views';
import type { LiveScaleReading } from '../../../../shared/scales/live-reading';

export type PackingMode = 'pack' | 'handover' | 'summary';
export type HandoverStep = 'carrier' | 'scan' | 'driver' | 'closed';

/** A key the packer can press and what it does (`label` is an i18n key). */
export interface PackKey {
  key: string;
  label: string;
  params?: Record<string, string | number>;
}

/** The one obvious next action at the packing bench. */
export interface NextAction {
  id:
    | 'scan_order'
    | 'scan_item'
    | 'scan_serial'
    | 'scan_box'
    | 'weigh'
    | 'route'
    | 'photo'
    | 'complete'
    | 'pick_carrier'
    | 'scan_parcel'
    | 'driver'
    | 'closed'
    | 'summary';
  /** i18n key of the big instruction. */
  title: string;
  params: Record<string, string | number>;
  keys: PackKey[];
}

export interface NextActionInput {
  mode: PackingMode;
  session: PackSession | null;
  /** The box scanned for the open package, not yet sent with a weight. */
  box: string | null;
  handoverStep: HandoverStep;
  manifest: ManifestView | null;
  /** The item just scanned whose serial number is asked for (its unit counts only with it). */
  serialFor?: SerialPrompt | null;
  /** The station scale now, at the weigh step: which commands (zero, tare) its keys offer. */
  liveScale?: Pick<LiveScaleReading, 'commands'> | null;
  /** The station has no scale and a USB scale can be connected to this screen (WebHID). */
  usbScaleConnectable?: boolean;
  /** What may go in this parcel too (packCombinable): its first order is offered on K; R takes a combined one out. */
  combinable?: PackCombinable | null;
}

/** A serial-required item scanned: the next scan is its serial number. */
export interface SerialPrompt {
  code: string;
  sku: string;
  name: string;
}

export function itemsLeft(session: PackSession): number {
  return session.lines.reduce((n, l) => n + Math.max(0, l.remaining), 0);
}

const SCALE_KEYS = {
  zero: { key: 'Z', label: 'packing.keys.zero' },
  tare: { key: 'T', label: 'packing.keys.tare' },
} as const satisfies Record<string, PackKey>;

/** Z and T once the weight is asked for, when the connected scale takes them. */
function scaleKeys(live: NextActionInput['liveScale']): PackKey[] {
  return (live?.commands ?? []).map((c) => SCALE_KEYS[c]);
}

/** Pure, so the screen, the store and the tests agree on what the bench asks for. */
export function nextAction(input: NextActionInput): NextAction {
  const summaryKey: PackKey = { key: 'S', label: 'packing.keys.summary' };
  const handoverKey: PackKey = { key: 'H', label: 'packing.keys.handover' };
  const packKey: PackKey = { key: 'P', label: 'packing.keys.pack' };
  const action = (id: NextAction['id'], title: string, keys: PackKey[], params = {}): NextAction => ({
    id,
    title: `packing.next.${title}`,
    params,
    keys,
  });
  if (input.mode === 'summary') return action('summary', 'summary', [packKey, handoverKey]);
  if (input.mode === 'handover') {
    const m = input.manifest;
    switch (input.handoverStep) {
      case 'carrier':
        return action('pick_carrier', 'pickCarrier', [packKey]);
      case 'scan':
        return action(
          'scan_parcel',
          'scanParcel',
          [{ key: 'Enter', label: 'packing.keys.toDriver' }, packKey],
          {
            carrier: m?.carrierName ?? '',
          },
        );
      case 'driver':
        return action('driver', 'driver', [
          { key: 'Enter', label: 'packing.keys.closeManifest' },
          { key: 'Esc', label: 'packing.keys.backToScan' },
        ]);
      case 'closed':
        return action('closed', 'closed', [{ key: 'Enter', label: 'packing.keys.nextCarrier' }, packKey], {
          count: m?.totals.parcels ?? 0,
        });
    }
  }
  const s = input.session;
  if (!s) return action('scan_order', 'scanOrder', [handoverKey, summaryKey]);
  const release: PackKey = { key: 'A', label: 'packing.keys.putAside' };
  // Offered while the box is still open: before the weight, or with it (it is taken again).
  const offer = input.combinable?.orders[0];
  // A combined order can leave again until the parcel is sealed (R, the last one combined first).
  const last = s.combined[s.combined.length - 1];
  const uncombine: PackKey[] = last
    ? [{ key: 'R', label: 'packing.keys.uncombine', params: { orderRef: last.orderRef } }]
    : [];
  const combine: PackKey[] = [
    ...(offer ? [{ key: 'K', label: 'packing.keys.combine', params: { orderRef: offer.orderRef } }] : []),
    ...uncombine,
  ];
  switch (s.step) {
    case 'verify': {
      if (input.serialFor) {
        return action('scan_serial', 'scanSerial', [{ key: 'Esc', label: 'packing.keys.cancelSerial' }], {
          name: input.serialFor.name,
        });
      }
      const left = itemsLeft(s);
      const started = s.lines.some((l) => l.verified > 0);
      return action(
        'scan_item',
        'scanItem',
        [...combine, ...(started && left > 0 ? [{ key: 'X', label: 'packing.keys.split' }] : []), release],
        { count: left },
      );
    }
    case 'weigh':
      if (!input.box) return action('scan_box', 'scanBox', [...combine, release]);
      return action('weigh', 'weigh', [
        { key: 'Enter', label: 'packing.keys.takeWeight' },
        { key: '850 Enter', label: 'packing.keys.typeGrams' },
        ...combine,
        ...scaleKeys(input.liveScale),
        ...(input.usbScaleConnectable ? [{ key: 'U', label: 'packing.keys.usbScale' }] : []),
        release,
      ]);
    case 'route':
      return action('route', 'route', [release]);
    case 'ready': {
      if (s.photoRequired && !s.photo) {
        return action('photo', 'photo', [{ key: 'C', label: 'packing.keys.capture' }, release]);
      }
      const route = s.route;
      const other = route ? (route.chosen === 'backup' ? route.primary : route.backup) : null;
      const keys: PackKey[] = [{ key: 'Enter', label: 'packing.keys.complete' }];
      if (s.photoRequired) keys.push({ key: 'C', label: 'packing.keys.retake' });
      if (other && other.blockers.length === 0) {
        keys.push({ key: 'L', label: 'packing.keys.otherLine', params: { carrier: other.carrierName } });
      }
      keys.push(...uncombine, release);
      // The platform's label comes after its ship call: Enter prints the packing slip only.
      return action('complete', s.platformLabel ? 'completePlatform' : 'complete', keys);
    }
  }
}
