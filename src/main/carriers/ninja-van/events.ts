import type { StatusMapping, TrackingEvent } from '../../../shared/tracking';
import { CarrierTimeError, parseCarrierTime } from '../carrier-time';
import { reasonFromText } from '../reason-words';
import { trackingEvent, type StatusMapper } from '../tracking-events';
import type { NinjaVanEvent } from './client';

export const NINJA_VAN_KIND = 'ninja-van';

export class NinjaVanShapeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NinjaVanShapeError';
  }
}

const MOVING = new Set(['picked_up', 'in_transit', 'out_for_delivery']);

/**
 * One Ninja Van event in the model. The code is the detailed event name when there is one, else the
 * status. A parcel on its return leg (is_parcel_on_rts_leg) that is "delivered" has reached the
 * sender again, and one still moving is on its way back. An exception whose table row gives no
 * particular reason takes it from Ninja Van's failure_reason text when that says why.
 */
export function ninjaVanTrackingEvent(args: {
  event: NinjaVanEvent;
  trackingNumber: string;
  carrier: string;
  timeZone: string;
  mapper: StatusMapper;
}): TrackingEvent {
  const e = args.event;
  const code = e.event ?? e.status;
  const failure = e.delivery_exception?.failure_reason ?? e.pickup_exception?.failure_reason ?? null;
  let time;
  try {
    time = parseCarrierTime(e.timestamp, args.timeZone);
  } catch (err) {
    if (err instanceof CarrierTimeError)
      throw new NinjaVanShapeError(`Ninja Van event time of ${args.trackingNumber}: ${err.message}`);
    throw err;
  }
  let mapping: StatusMapping = args.mapper.map(code, `${args.trackingNumber}: ${code}`);
  if (e.is_parcel_on_rts_leg === true) {
    if (mapping.status === 'delivered') mapping = { status: 'returned' };
    else if (MOVING.has(mapping.status)) mapping = { status: 'return_to_sender' };
  }
  if (
    (mapping.status === 'delivery_failed' || mapping.status === 'exception') &&
    (mapping.reason ?? 'other') === 'other'
  ) {
    const said = reasonFromText(failure);
    if (said) mapping = { status: mapping.status, reason: said };
  }
  const info = e.hub_information ?? e.delivery_information ?? null;
  const location = info ? [info.hub, info.city].filter((p) => p).join(', ') || null : null;
  return trackingEvent({
    connector: NINJA_VAN_KIND,
    carrier: args.carrier,
    trackingNumber: args.trackingNumber,
    time,
    code,
    description: [code, failure, e.comments].filter((p) => p).join(' — '),
    location,
    mapping,
  });
}
