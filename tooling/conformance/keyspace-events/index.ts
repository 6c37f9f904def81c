// The machinery of the keyspace event table; the rows live in the packages that own the
// commands (packages/<pkg>/test/keyspace-events/rows.ts), each checked by its own table test.
export { blocked, ev, on, ROW_CLASSES, type EventClass, type EventRow, type EventTableSection, type ExpectedEvent } from './types.js';
export { classCheckRuns, classEnabled, expectedMessages, rowClasses, rowName, rowScenario } from './scenario.js';
export { runRowOnFake } from './fake-run.js';
export { EVENTS_END_MARKER, EVENTS_START_MARKER, renderEventTable, replaceEventSection } from './markdown.js';
export { describeEventReadme, describeEventTable } from './tests.js';
