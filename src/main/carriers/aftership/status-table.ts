import type { StatusMapping } from '../../../shared/tracking';

/**
 * AfterShip Tracking: the 9 delivery statuses ("tags", official "Delivery Statuses" page) and the
 * delivery sub-statuses ("subtags", official "Delivery Sub-statuses" page, versions 2025-04 and
 * 2026-07; Exception_016–018 from AfterShip's help centre, March 2026). Pending_002–006 and
 * OutForDelivery_002 appear in AfterShip SDK enums and older lists only (community). A checkpoint
 * is mapped by its subtag, else its tag.
 */
export const AFTERSHIP_STATUS_TABLE: Readonly<Record<string, StatusMapping>> = {
  // Tags (official).
  Pending: { status: 'pending' },
  InfoReceived: { status: 'info_received' },
  InTransit: { status: 'in_transit' },
  OutForDelivery: { status: 'out_for_delivery' },
  AttemptFail: { status: 'delivery_failed', reason: 'other' },
  Delivered: { status: 'delivered' },
  AvailableForPickup: { status: 'ready_for_pickup' },
  Exception: { status: 'exception', reason: 'other' },
  Expired: { status: 'expired' },

  // Subtags (official).
  Delivered_001: { status: 'delivered' },
  Delivered_002: { status: 'delivered' },
  Delivered_003: { status: 'delivered' },
  Delivered_004: { status: 'delivered' },
  Delivered_005: { status: 'delivered' },
  AvailableForPickup_001: { status: 'ready_for_pickup' },
  Exception_001: { status: 'exception', reason: 'other' },
  Exception_002: { status: 'exception', reason: 'bad_address' },
  Exception_003: { status: 'exception', reason: 'refused' },
  Exception_004: { status: 'exception', reason: 'customs' },
  Exception_005: { status: 'exception', reason: 'carrier_delay' },
  Exception_006: { status: 'exception', reason: 'held_at_depot' },
  Exception_007: { status: 'exception', reason: 'bad_address' },
  Exception_008: { status: 'exception', reason: 'held_at_depot' },
  Exception_009: { status: 'exception', reason: 'other' },
  Exception_010: { status: 'return_to_sender' },
  Exception_011: { status: 'returned' },
  Exception_012: { status: 'exception', reason: 'damaged' },
  Exception_013: { status: 'lost', reason: 'lost' },
  Exception_016: { status: 'exception', reason: 'carrier_delay' },
  Exception_017: { status: 'exception', reason: 'weather' },
  Exception_018: { status: 'exception', reason: 'customs' },
  AttemptFail_001: { status: 'delivery_failed', reason: 'other' },
  AttemptFail_002: { status: 'delivery_failed', reason: 'not_home' },
  AttemptFail_003: { status: 'delivery_failed', reason: 'not_home' },
  InTransit_001: { status: 'in_transit' },
  InTransit_002: { status: 'picked_up' },
  InTransit_003: { status: 'in_transit' },
  InTransit_004: { status: 'in_transit' },
  InTransit_005: { status: 'in_transit' },
  InTransit_006: { status: 'in_transit' },
  InTransit_007: { status: 'in_transit' },
  InTransit_008: { status: 'in_transit' },
  InTransit_009: { status: 'in_transit' },
  InfoReceived_001: { status: 'info_received' },
  OutForDelivery_001: { status: 'out_for_delivery' },
  OutForDelivery_003: { status: 'out_for_delivery' },
  OutForDelivery_004: { status: 'out_for_delivery' },
  Pending_001: { status: 'pending' },
  Expired_001: { status: 'expired' },

  // Subtags seen in SDK enums and older lists only (community).
  OutForDelivery_002: { status: 'ready_for_pickup' },
  Pending_002: { status: 'pending' },
  Pending_003: { status: 'pending' },
  Pending_004: { status: 'pending' },
  Pending_005: { status: 'pending' },
  Pending_006: { status: 'pending' },
};
