import type { StatusMapping } from '../../../shared/tracking';

/**
 * 17TRACK v2.2: the 9 main statuses and their sub-statuses (17TRACK help centre, "Understanding
 * Tracking Status", 30 sub-statuses; the v2.2 API documentation names the same), the event stages,
 * and three sub-statuses seen in community code for v2.4 (marked). An event carries its
 * sub_status; an event without one falls back to its stage.
 */
export const SEVENTEEN_TRACK_STATUS_TABLE: Readonly<Record<string, StatusMapping>> = {
  // Main statuses (official).
  NotFound: { status: 'pending' },
  InfoReceived: { status: 'info_received' },
  InTransit: { status: 'in_transit' },
  Expired: { status: 'expired' },
  AvailableForPickup: { status: 'ready_for_pickup' },
  OutForDelivery: { status: 'out_for_delivery' },
  DeliveryFailure: { status: 'delivery_failed', reason: 'other' },
  Delivered: { status: 'delivered' },
  Exception: { status: 'exception', reason: 'other' },

  // Sub-statuses (official).
  NotFound_Other: { status: 'pending' },
  NotFound_InvalidCode: { status: 'exception', reason: 'other' },
  InTransit_PickedUp: { status: 'picked_up' },
  InTransit_Other: { status: 'in_transit' },
  InTransit_Departure: { status: 'in_transit' },
  InTransit_Arrival: { status: 'in_transit' },
  InTransit_CustomsProcessing: { status: 'in_transit' },
  InTransit_CustomsReleased: { status: 'in_transit' },
  InTransit_CustomsRequiringInformation: { status: 'exception', reason: 'customs' },
  Expired_Other: { status: 'expired' },
  AvailableForPickup_Other: { status: 'ready_for_pickup' },
  OutForDelivery_Other: { status: 'out_for_delivery' },
  DeliveryFailure_Other: { status: 'delivery_failed', reason: 'other' },
  DeliveryFailure_NoBody: { status: 'delivery_failed', reason: 'contact_failed' },
  DeliveryFailure_Security: { status: 'delivery_failed', reason: 'customs' },
  DeliveryFailure_Rejected: { status: 'delivery_failed', reason: 'refused' },
  DeliveryFailure_InvalidAddress: { status: 'delivery_failed', reason: 'bad_address' },
  Delivered_Other: { status: 'delivered' },
  Exception_Other: { status: 'exception', reason: 'other' },
  Exception_Returning: { status: 'return_to_sender' },
  Exception_Returned: { status: 'returned' },
  Exception_NoBody: { status: 'exception', reason: 'contact_failed' },
  Exception_Security: { status: 'exception', reason: 'customs' },
  Exception_Damage: { status: 'exception', reason: 'damaged' },
  Exception_Rejected: { status: 'exception', reason: 'refused' },
  Exception_Delayed: { status: 'exception', reason: 'carrier_delay' },
  Exception_Lost: { status: 'lost', reason: 'lost' },
  Exception_Destroyed: { status: 'lost', reason: 'damaged' },
  Exception_Cancel: { status: 'exception', reason: 'other' },

  // Sub-statuses of v2.4 seen in community code (not in the v2.2 list).
  InTransit_TransportArrived: { status: 'in_transit' },
  InTransit_TransportDeparted: { status: 'in_transit' },
  Exception_Held: { status: 'exception', reason: 'held_at_depot' },

  // Event stages (official, the `stage` of an event; used when an event has no sub_status).
  PickedUp: { status: 'picked_up' },
  Departure: { status: 'in_transit' },
  Arrival: { status: 'in_transit' },
  Returning: { status: 'return_to_sender' },
  Returned: { status: 'returned' },
};
