import { genericRows } from './generic.js';
import { geoRows } from './geo.js';
import { expiryRows, keymissRows, transactionRows } from './expiry.js';
import { hashFieldExpiryRows, hashRows } from './hashes.js';
import { listRows } from './lists.js';
import { setRows } from './sets.js';
import { zsetRows } from './zsets.js';
import { bitmapRows, hyperLogLogRows, stringRows } from './strings.js';
import type { EventRow } from './types.js';

export { ev, ROW_CLASSES, type EventClass, type EventRow, type ExpectedEvent } from './types.js';
export { classCheckRuns, classEnabled, expectedMessages, rowClasses, rowName, rowScenario } from './scenario.js';
export { runRowOnFake } from './fake-run.js';
export { EVENTS_END_MARKER, EVENTS_START_MARKER, renderEventTable, replaceEventSection } from './markdown.js';

/** A titled group of rows (one command family). */
export interface EventTableSection {
  title: string;
  rows: readonly EventRow[];
}

/**
 * The keyspace event table: for each write command, under which condition it emits which
 * notifications. A module adds its family here as one section (its own file of rows).
 */
export const eventTable: readonly EventTableSection[] = [
  { title: 'Generic keys', rows: genericRows },
  { title: 'Expiry', rows: expiryRows },
  { title: 'keymiss', rows: keymissRows },
  { title: 'Transactions', rows: transactionRows },
  { title: 'Strings', rows: stringRows },
  { title: 'Bitmaps', rows: bitmapRows },
  { title: 'HyperLogLog', rows: hyperLogLogRows },
  { title: 'Hashes', rows: hashRows },
  { title: 'Hash field expiration (7.4, 8.0)', rows: hashFieldExpiryRows },
  { title: 'Lists', rows: listRows },
  { title: 'Sets', rows: setRows },
  { title: 'Sorted sets', rows: zsetRows },
  { title: 'Geo', rows: geoRows },
];
