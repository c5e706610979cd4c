import { describe, expect, it } from 'vitest';
import { CARRIER_SERVICES, carrierService } from '../../../src/shared/packing/carrier-services';
import { parseErpCsv } from '../../../src/shared/packing/erp-csv';
import {
  ITEM_CLASSES,
  ITEM_CLASS_ROWS,
  classesOf,
  parseItemClass,
  refusedClasses,
} from '../../../src/shared/packing/item-classes';

const HEADER = 'order_ref,sku,product_name,quantity,item_class,recipient_name,address1,city,postcode,country';
const row = (ref: string, sku: string, itemClass: string) =>
  `${ref},${sku},${sku} item,1,${itemClass},Siti Rahman,8 Jalan Ampang,Kuala Lumpur,50450,MY`;
const parse = (lines: string[]) =>
  parseErpCsv(new TextEncoder().encode([HEADER, ...lines].join('\r\n')), {
    seller: 'acme',
    timeZone: 'Asia/Kuala_Lumpur',
  });

describe('item classes', () => {
  it('one row per class, each with its source; batteries name their UN numbers', () => {
    expect(ITEM_CLASS_ROWS.map((r) => r.id)).toEqual([...ITEM_CLASSES]);
    for (const r of ITEM_CLASS_ROWS) expect(r.source.ref.length).toBeGreaterThan(10);
    expect(ITEM_CLASS_ROWS.find((r) => r.id === 'battery')?.unNumbers).toEqual(['UN3481', 'UN3091']);
  });

  it('every carrier service says which classes it accepts, and where that comes from', () => {
    for (const s of CARRIER_SERVICES) {
      expect(s.accepts.every((c) => (ITEM_CLASSES as readonly string[]).includes(c))).toBe(true);
      expect(s.sources.accepts.ref.length).toBeGreaterThan(10);
    }
  });

  it('a package’s classes are the union of its lines’, once each', () => {
    expect(classesOf([{ itemClasses: ['liquid'] }, {}, { itemClasses: ['battery', 'liquid'] }])).toEqual([
      'battery',
      'liquid',
    ]);
    expect(classesOf([{}, { itemClasses: [] }])).toEqual([]);
  });

  it('Ninja Van MY refuses batteries, J&T MY domestic takes them; nobody refuses a package without classes', () => {
    const ninja = carrierService('ninjavan-my-standard');
    const jnt = carrierService('jnt-my-domestic');
    const jntIntl = carrierService('jnt-my-international');
    if (!ninja || !jnt || !jntIntl) throw new Error('services missing');
    expect(refusedClasses(ninja, ['battery', 'liquid'])).toEqual(['battery']);
    expect(refusedClasses(jnt, ['battery', 'liquid'])).toEqual([]);
    expect(refusedClasses(jntIntl, ['liquid'])).toEqual(['liquid']);
    expect(refusedClasses(ninja, [])).toEqual([]);
  });

  it('parses class words in any case; unknown words are null', () => {
    expect(parseItemClass(' Battery ')).toBe('battery');
    expect(parseItemClass('LIQUID')).toBe('liquid');
    expect(parseItemClass('lithium')).toBeNull();
  });
});

describe('ERP CSV item_class column', () => {
  it('reads one or several classes per line; an empty cell is no class', () => {
    const r = parse([
      row('SO-1', 'POWERBANK', 'battery'),
      row('SO-1', 'LAMP', ''),
      row('SO-2', 'KIT', 'Liquid | battery'),
    ]);
    expect(r.errors).toEqual([]);
    const [one, two] = r.orders.map((o) => o.order);
    expect(one?.lines.map((l) => l.itemClasses)).toEqual([['battery'], undefined]);
    expect(two?.lines[0]?.itemClasses).toEqual(['battery', 'liquid']);
  });

  it('an unknown class is refused with its line and column, and the order with it', () => {
    const r = parse([row('SO-1', 'POWERBANK', 'battery|lithium'), row('SO-2', 'LAMP', '')]);
    expect(r.errors).toEqual([
      expect.objectContaining({
        line: 2,
        column: 'item_class',
        code: 'invalid_value',
        message: expect.stringContaining('"lithium" is not battery, liquid, aerosol') as unknown,
      }),
    ]);
    expect(r.rejectedOrders).toEqual(['SO-1']);
    expect(r.orders.map((o) => o.order.externalId)).toEqual(['SO-2']);
  });

  it('a file without the column imports as before: no classes', () => {
    const r = parseErpCsv(
      new TextEncoder().encode(
        'order_ref,sku,product_name,quantity,recipient_name,address1,city,country\r\nSO-9,TEE,Tee,1,Jane,1 High St,London,GB',
      ),
      { seller: 'acme', timeZone: 'Europe/London' },
    );
    expect(r.errors).toEqual([]);
    expect(r.orders[0]?.order.lines[0]).not.toHaveProperty('itemClasses');
  });
});
