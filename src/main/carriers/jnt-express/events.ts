import type { StatusMapping, TrackingEvent } from '../../../shared/tracking';
import { CarrierTimeError, isTimeZone, parseCarrierTime } from '../carrier-time';
import { reasonFromText } from '../reason-words';
import { trackingEvent, type StatusMapper } from '../tracking-events';
import type { JntDetail } from './client';

export const JNT_KIND = 'jnt-express';

export class JntShapeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JntShapeError';
  }
}

/** A detail's own zone when it names one ("GMT+08:00", "+8", "Asia/Kuala_Lumpur"), as an offset or a zone. */
function detailZone(value: string | null | undefined): { offset?: string; zone?: string } {
  if (!value) return {};
  const trimmed = value.trim();
  const m = /^(?:GMT|UTC)?\s*([+-])(\d{1,2})(?::?(\d{2}))?$/i.exec(trimmed);
  if (m) return { offset: `${m[1] ?? '+'}${(m[2] ?? '0').padStart(2, '0')}:${m[3] ?? '00'}` };
  return isTimeZone(trimmed) ? { zone: trimmed } : {};
}

/**
 * One J&T trace detail in the model. scanTime is a bare local time ("2026-05-01 13:45:00"): the
 * detail's timeZone applies when it has a usable one, else the configured market's zone. A problem
 * scan takes its reason from its description when that says why.
 */
export function jntTrackingEvent(args: {
  detail: JntDetail;
  billCode: string;
  carrier: string;
  timeZone: string;
  mapper: StatusMapper;
}): TrackingEvent {
  const d = args.detail;
  const own = detailZone(d.timeZone);
  let time;
  try {
    time = parseCarrierTime(
      own.offset ? `${d.scanTime.trim()}${own.offset}` : d.scanTime,
      own.zone ?? args.timeZone,
    );
  } catch (err) {
    if (err instanceof CarrierTimeError)
      throw new JntShapeError(`J&T scan time of ${args.billCode}: ${err.message}`);
    throw err;
  }
  const description = d.desc ?? d.scanTypeName ?? '';
  let mapping: StatusMapping = args.mapper.map(d.scanTypeCode, `${args.billCode}: ${description}`);
  if (
    (mapping.status === 'exception' || mapping.status === 'delivery_failed') &&
    (mapping.reason ?? 'other') === 'other'
  ) {
    const said = reasonFromText(d.desc);
    if (said) mapping = { status: mapping.status, reason: said };
  }
  const location =
    [d.scanNetworkName, d.scanNetworkCity, d.scanNetworkProvince].filter((p) => p).join(', ') || null;
  return trackingEvent({
    connector: JNT_KIND,
    carrier: args.carrier,
    trackingNumber: args.billCode,
    time,
    code: d.scanTypeCode,
    description,
    location,
    mapping,
  });
}
