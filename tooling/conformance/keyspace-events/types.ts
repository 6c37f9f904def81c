import type { Step } from '../runner.js';

/**
 * One keyspace notification a command emits: its class letter (as in
 * notify-keyspace-events), the event name, the key, and the database (default 0).
 */
export type ExpectedEvent = readonly [eventClass: EventClass, event: string, key: string, db?: number];

/** The class letters a notification belongs to (A = g$lshzxetd; n and m are separate). */
export type EventClass = 'g' | '$' | 'l' | 's' | 'h' | 'z' | 'x' | 'e' | 't' | 'd' | 'n' | 'm';

/**
 * One row of the event table: a command, the condition under which it emits the events,
 * a scenario that triggers it, and the notifications expected, in order.
 */
export interface EventRow {
  /** The command (or mechanism, e.g. "active expiry") the row documents. */
  command: string;
  /** When these are the events: "new key", "value unchanged", "empties the set" ... */
  condition: string;
  /** Steps run with notifications off, to build the state the row starts from. */
  setup?: Step[];
  /** Steps run with notifications on (see `classes`): their events are the row's. */
  steps: Step[];
  /** The notifications the steps produce, in order (keyspace channel then keyevent). */
  events: readonly ExpectedEvent[];
  /**
   * notify-keyspace-events for the steps; default "KEAn" (every class but keymiss, so
   * `new` shows). Rows about keymiss enable `m`.
   */
  classes?: string;
  /**
   * First server version with this behaviour, for rows newer than the reference
   * redis-server (7.0.15): they are checked on the fake against the table only, with
   * a profile of that version.
   */
  since?: string;
  /** A note for the README (why, or what differs from a reader's expectation). */
  note?: string;
}

/** The default `classes` of a row. */
export const ROW_CLASSES = 'KEAn';

/** A titled group of rows (one command family); a package's test/keyspace-events/rows.ts exports its own. */
export interface EventTableSection {
  title: string;
  rows: readonly EventRow[];
}

/** Shorthand for an expected event. */
export function ev(eventClass: EventClass, event: string, key: string, db?: number): ExpectedEvent {
  return db === undefined ? [eventClass, event, key] : [eventClass, event, key, db];
}

/** A blocking command sent on `conn` without waiting: a later `{ await: conn }` reads its reply. */
export const blocked = (conn: string, ...cmd: string[]): Step => ({ cmd, conn, async: true });

/** A command on another connection (the one that serves the blocked client). */
export const on = (conn: string, ...cmd: string[]): Step => ({ cmd, conn });
