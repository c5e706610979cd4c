import type { StatusMapping } from '../../../shared/tracking';

/**
 * Ninja Van tracking statuses. Community-sourced: Ninja Van's API pages (api-docs.ninjavan.co)
 * were not reachable; the names below are the Webhooks v2 events as integrations in the wild
 * handle them ("Delivered, Received by Customer"), the coarse statuses those events belong to and
 * the tracking-events API answers ("Delivery Exception"), and the v1 webhook statuses
 * ("Successful Delivery"). An event is mapped by its detailed name, else its coarse status.
 */
export const NINJA_VAN_STATUS_TABLE: Readonly<Record<string, StatusMapping>> = {
  // Webhooks v2: pickup.
  'Pending Pickup': { status: 'info_received' },
  'Pending Pickup, Shipper Dropoff': { status: 'info_received' },
  'Driver dispatched for Pickup': { status: 'info_received' },
  'Picked Up, In Transit To Origin Hub': { status: 'picked_up' },
  'Pickup Exception, Pending Reschedule': { status: 'exception', reason: 'rescheduled' },
  'Pickup Exception, Reattempt Scheduled': { status: 'exception', reason: 'rescheduled' },
  'Pickup Exception, Max Attempts Reached': { status: 'exception', reason: 'other' },
  'Pickup Exception, Pending Retrieval from PUDO': { status: 'exception', reason: 'held_at_depot' },
  // Webhooks v2: line haul and hubs.
  'Arrived at Origin Hub': { status: 'in_transit' },
  'Arrived at Transit Hub': { status: 'in_transit' },
  'Arrived at Destination Hub': { status: 'in_transit' },
  'In Transit to Next Sorting Hub': { status: 'in_transit' },
  // Webhooks v2: last mile.
  'On Vehicle for Delivery': { status: 'out_for_delivery' },
  'At PUDO, Pending Customer Collection': { status: 'ready_for_pickup' },
  'Delivered, Received by Customer': { status: 'delivered' },
  'Delivered, Left at Doorstep': { status: 'delivered' },
  'Delivered, Collected by Customer': { status: 'delivered' },
  'Delivery Exception, Pending Reschedule': { status: 'delivery_failed', reason: 'rescheduled' },
  'Delivery Exception, Reattempt Scheduled': { status: 'delivery_failed', reason: 'rescheduled' },
  'Delivery Exception, Max Attempts Reached': { status: 'delivery_failed', reason: 'other' },
  'Delivery Exception, Parcel Overstayed at PUDO': { status: 'exception', reason: 'held_at_depot' },
  'Delivery Exception, Parcel Lost': { status: 'lost', reason: 'lost' },
  'Delivery Exception, Parcel Damaged': { status: 'exception', reason: 'damaged' },
  'Delivery Exception, Return to Sender Initiated': { status: 'return_to_sender' },
  // Webhooks v2: returns and ends.
  'Returned to Sender': { status: 'returned' },
  'Return to Shipper Exception, Parcel triggered for Shipper Collection': {
    status: 'return_to_sender',
    reason: 'held_at_depot',
  },
  'Return to Shipper Exception, Parcel collected by Shipper': { status: 'returned' },
  'Return to Shipper Exception, Parcel Scrapped': { status: 'lost', reason: 'damaged' },
  'Return to Shipper Exception, Max Attempts Reached': { status: 'exception', reason: 'other' },
  Cancelled: { status: 'exception', reason: 'other' },
  // Webhooks v2: informational (says nothing about where the parcel is).
  'Parcel Measurements Update': { status: 'unknown' },
  // Webhooks v2: international.
  'International Transit, Fulfillment Request Submitted': { status: 'info_received' },
  'International Transit, Fulfillment Packed': { status: 'info_received' },
  'International Transit, En Route to Origin Facility': { status: 'in_transit' },
  'International Transit, Handed Over to Origin Facility': { status: 'in_transit' },
  'International Transit, Arrived at Origin Facility': { status: 'in_transit' },
  'International Transit, Processed at Origin Facility': { status: 'in_transit' },
  'International Transit, Handed Over to Linehaul': { status: 'in_transit' },
  'International Transit, Export Cleared': { status: 'in_transit' },
  'International Transit, Linehaul Scheduled': { status: 'in_transit' },
  'International Transit, Linehaul Departed': { status: 'in_transit' },
  'International Transit, Linehaul Arrived': { status: 'in_transit' },
  'International Transit, Customs Cleared': { status: 'in_transit' },
  'International Transit, Customs Held': { status: 'exception', reason: 'customs' },
  'International Transit, Handed Over to Last Mile': { status: 'in_transit' },
  'International Transit, Parcel Exception': { status: 'exception', reason: 'other' },
  'International Transit, Parcel Lost': { status: 'lost', reason: 'lost' },
  'International Transit, Parcel Damaged': { status: 'exception', reason: 'damaged' },
  'International Transit, Parcel Disposed': { status: 'lost', reason: 'other' },
  'International Transit, Returned to Sender at Origin Facility': { status: 'returned' },
  'International Transit, Returned to XB Warehouse': { status: 'returned' },

  // Coarse statuses (the part before the comma; the tracking-events API and older payloads).
  'Picked Up': { status: 'picked_up' },
  'Pickup Exception': { status: 'exception', reason: 'other' },
  'Delivery Exception': { status: 'delivery_failed', reason: 'other' },
  'Return to Shipper Exception': { status: 'exception', reason: 'other' },
  'At PUDO': { status: 'ready_for_pickup' },
  Delivered: { status: 'delivered' },
  'International Transit': { status: 'in_transit' },

  // Webhooks v1 statuses.
  'Van en-route to pickup': { status: 'info_received' },
  'Successful Pickup': { status: 'picked_up' },
  'Pickup fail': { status: 'exception', reason: 'other' },
  'En-route to Sorting Hub': { status: 'in_transit' },
  'Arrived at Sorting Hub': { status: 'in_transit' },
  'Arrived at Distribution Point': { status: 'in_transit' },
  'Cross Border Transit': { status: 'in_transit' },
  'Customs Cleared': { status: 'in_transit' },
  'Customs Held': { status: 'exception', reason: 'customs' },
  'Transferred to 3PL': { status: 'in_transit' },
  Staging: { status: 'info_received' },
  'First Attempt Delivery Fail': { status: 'delivery_failed', reason: 'other' },
  'Pending Reschedule': { status: 'delivery_failed', reason: 'rescheduled' },
  'Successful Delivery': { status: 'delivered' },
  Completed: { status: 'delivered' },
  'Return to Sender Triggered': { status: 'return_to_sender' },
  'Parcel Size': { status: 'unknown' },
  'Parcel Weight': { status: 'unknown' },
};
