import type { Db } from '../db/open';
import { CIRCUIT_DOWN_SINCE_KEY, parseDownSince } from '../sync/circuit-memory';
import type { LineHealth } from './route-book';

/**
 * Each line's health as the delivery engine left it in the connector state (circuit memory): the
 * same answer in the process that delivers and in any other (a screen served by the station while
 * `lastmile sync` delivers, a restart in between).
 */
export class StoredLineHealth implements LineHealth {
  private readonly select;

  constructor(db: Db) {
    this.select = db.prepare<[string, string], { value: string }>(
      'SELECT value FROM connector_state WHERE destination = ? AND key = ?',
    );
  }

  downSince(destination: string): number | null {
    return parseDownSince(this.select.get(destination, CIRCUIT_DOWN_SINCE_KEY)?.value);
  }
}
