import type { EventRow, EventTableSection, ExpectedEvent } from './types.js';
import { rowClasses } from './scenario.js';

/** Marks the generated section in a package's README. */
export const EVENTS_START_MARKER = '<!-- keyspace-events:start -->';
export const EVENTS_END_MARKER = '<!-- keyspace-events:end -->';

const cell = (text: string) => text.replace(/[|*_]/g, (c) => `\\${c}`);
/** A key as text: printable ASCII as is, other bytes as \xNN. */
const showKey = (key: string) => key.replace(/[^\x21-\x7e]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);

function showEvent([eventClass, event, key, db]: ExpectedEvent): string {
  return `\`${eventClass} ${event} ${showKey(key)}${db === undefined || db === 0 ? '' : ` @${db}`}\``;
}

function showRow(row: EventRow): string {
  const events = row.events.length === 0 ? 'none' : row.events.map(showEvent).join(' ');
  const condition = [row.condition, row.since ? `(since ${row.since})` : '', rowClasses(row).includes('m') ? '(with `m`)' : '']
    .filter(Boolean)
    .join(' ');
  const note = row.note ? ` (${row.note})` : '';
  return `| ${cell(row.command)} | ${cell(condition)}${cell(note)} | ${events} |`;
}

/** The event table as markdown, between (and including) the markers. */
export function renderEventTable(sections: readonly EventTableSection[]): string {
  const lines = [
    EVENTS_START_MARKER,
    '<!-- Generated from test/keyspace-events/rows.ts by FAKEREDIS_WRITE_EVENTS=1; do not edit. -->',
    '',
    'Each row is checked against redis-server 7.0.15 and the fake (rows marked "since" only on',
    'the fake, from the Redis source): the events in order, as `class event key`, with `@db`',
    'when not database 0. The class is the notify-keyspace-events letter that enables the',
    'event; `n` (new key) is shown although `A` does not include it; `m` (keymiss) only where',
    'a row is about it.',
  ];
  for (const section of sections) {
    lines.push('', `#### ${section.title}`, '', '| command | when | events |', '| --- | --- | --- |');
    for (const row of section.rows) lines.push(showRow(row));
  }
  lines.push('', EVENTS_END_MARKER);
  return lines.join('\n');
}

/** `text` with the part between the markers replaced by `section`; undefined without markers. */
export function replaceEventSection(text: string, section: string): string | undefined {
  const start = text.indexOf(EVENTS_START_MARKER);
  const end = text.indexOf(EVENTS_END_MARKER);
  if (start < 0 || end < start) return undefined;
  return text.slice(0, start) + section + text.slice(end + EVENTS_END_MARKER.length);
}
