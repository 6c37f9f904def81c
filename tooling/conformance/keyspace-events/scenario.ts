import type { KeyspaceMessage } from '../events.js';
import type { Scenario, Step } from '../runner.js';
import { type EventClass, type EventRow, type ExpectedEvent, ROW_CLASSES } from './types.js';

/** The classes `A` stands for in notify-keyspace-events (not n, not m). */
const ALL_CLASSES = 'g$lshzxetd';

/** The classes a row's steps run under. */
export function rowClasses(row: EventRow): string {
  return row.classes ?? ROW_CLASSES;
}

/** A row's title: command and condition. */
export function rowName(row: EventRow): string {
  return `${row.command}: ${row.condition}`;
}

/**
 * A row as a conformance scenario with event capture under `classes`: its set-up runs
 * with notifications off, then they are switched on for its steps.
 */
export function rowScenario(row: EventRow, classes = rowClasses(row)): Scenario {
  const notify = (value: string): Step => ['CONFIG', 'SET', 'notify-keyspace-events', value];
  const steps = row.setup?.length ? [notify(''), ...row.setup, notify(classes), ...row.steps] : row.steps;
  return { name: rowName(row), events: classes, steps };
}

/** True when notify-keyspace-events `classes` lets events of `eventClass` through. */
export function classEnabled(classes: string, eventClass: EventClass): boolean {
  return classes.includes(eventClass) || (classes.includes('A') && ALL_CLASSES.includes(eventClass));
}

/**
 * The messages a `__key*__:*` subscriber receives for the expected events under
 * `classes`: for each enabled event, the keyspace channel's then the keyevent channel's.
 */
export function expectedMessages(events: readonly ExpectedEvent[], classes: string): KeyspaceMessage[] {
  const messages: KeyspaceMessage[] = [];
  for (const [eventClass, event, key, db = 0] of events) {
    if (!classEnabled(classes, eventClass)) continue;
    if (classes.includes('K')) messages.push({ channel: `__keyspace@${db}__:${key}`, message: event });
    if (classes.includes('E')) messages.push({ channel: `__keyevent@${db}__:${event}`, message: key });
  }
  return messages;
}

/**
 * Extra runs that pin each event's class letter: for every class the row's events
 * use, the keyevent channel alone with only that class enabled ("Es", "Eg" ...).
 */
export function classCheckRuns(row: EventRow): string[] {
  return [...new Set(row.events.map(([eventClass]) => eventClass))].map((eventClass) => `E${eventClass}`);
}
