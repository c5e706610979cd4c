import { describe, expect, it } from 'vitest';
import { tiktokShopConnector } from '../../../src/main/carriers/tiktok-shop/definition';
import {
  mapOrderStatus,
  mapReturnStatus,
  ORDER_STATUS_TABLE,
  PACKAGE_STATUS_TABLE,
  RETURN_STATUS_TABLE,
} from '../../../src/main/carriers/tiktok-shop/status-tables';
import { mapStatus } from '../../../src/shared/tracking';

/** Every return status of the 202309 search-returns reference, and what the station makes of it. */
const EXPECTED_RETURN_STATUSES: Record<string, 'expected' | 'cancelled' | 'completed'> = {
  RETURN_OR_REFUND_REQUEST_PENDING: 'expected',
  REFUND_OR_RETURN_REQUEST_REJECT: 'cancelled',
  AWAITING_BUYER_SHIP: 'expected',
  BUYER_SHIPPED_ITEM: 'expected',
  REJECT_RECEIVE_PACKAGE: 'completed',
  RETURN_OR_REFUND_REQUEST_SUCCESS: 'completed',
  RETURN_OR_REFUND_REQUEST_CANCEL: 'cancelled',
  RETURN_OR_REFUND_REQUEST_COMPLETE: 'completed',
  AWAITING_BUYER_RESPONSE: 'expected',
  REPLACEMENT_REQUEST_PENDING: 'expected',
  REPLACEMENT_REQUEST_REJECT: 'cancelled',
  REPLACEMENT_REQUEST_REFUND_SUCCESS: 'completed',
  REPLACEMENT_REQUEST_CANCEL: 'cancelled',
  REPLACEMENT_REQUEST_COMPLETE: 'completed',
};

describe('TikTok Shop status tables', () => {
  it('lists exactly the documented return statuses', () => {
    expect(Object.keys(RETURN_STATUS_TABLE).sort()).toEqual(Object.keys(EXPECTED_RETURN_STATUSES).sort());
  });

  for (const [code, station] of Object.entries(EXPECTED_RETURN_STATUSES)) {
    it(`${code} → ${station}`, () => {
      expect(mapReturnStatus(code)).toMatchObject({ status: station, known: true });
      expect(tiktokShopConnector.returnStatusTable?.[code]?.status).toBe(station);
    });
  }

  it('maps every order status to where it is for the packing bench; an unknown one stays visible', () => {
    expect(Object.fromEntries(Object.entries(ORDER_STATUS_TABLE).map(([k, v]) => [k, v.stage]))).toEqual({
      UNPAID: 'unpaid',
      ON_HOLD: 'on_hold',
      AWAITING_SHIPMENT: 'to_ship',
      PARTIALLY_SHIPPING: 'to_ship',
      AWAITING_COLLECTION: 'awaiting_collection',
      IN_TRANSIT: 'in_transit',
      DELIVERED: 'done',
      COMPLETED: 'done',
      CANCELLED: 'cancelled',
    });
    expect(mapOrderStatus('TELEPORTED')).toEqual({ stage: 'to_ship', known: false });
    expect(mapOrderStatus('hasOwnProperty').known).toBe(false);
  });

  it('an unknown return status stays visible (expected) and says it is unknown', () => {
    expect(mapReturnStatus('RETURN_OR_REFUND_REQUEST_TELEPORTED')).toMatchObject({
      status: 'expected',
      known: false,
    });
    // Inherited object keys are not statuses.
    expect(mapReturnStatus('constructor').known).toBe(false);
  });

  it('maps every package status and reports an unknown one', () => {
    expect(Object.fromEntries(Object.entries(PACKAGE_STATUS_TABLE).map(([k, v]) => [k, v.status]))).toEqual({
      TO_FULFILL: 'pending',
      PROCESSING: 'pending',
      FULFILLING: 'in_transit',
      COMPLETED: 'delivered',
      CANCELLED: 'exception',
    });
    expect(tiktokShopConnector.statusTable).toBe(PACKAGE_STATUS_TABLE);
    expect(mapStatus(tiktokShopConnector.statusTable, 'LOST_IN_SPACE')).toEqual({
      status: 'unknown',
      known: false,
    });
  });

  it('declares its secrets', () => {
    expect([...tiktokShopConnector.secretFields].sort()).toEqual([
      'accessToken',
      'appSecret',
      'refreshToken',
    ]);
    expect(tiktokShopConnector.kind).toBe('tiktok-shop');
  });
});
