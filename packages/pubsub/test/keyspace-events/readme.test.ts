import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { eventTable, renderEventTable, replaceEventSection } from '@fakeredis/tooling/conformance';
import { describe, expect, it } from 'vitest';

// The README's keyspace event table is generated from the table the conformance tests
// check (tooling/conformance/keyspace-events), so it cannot drift: this test fails when
// it is stale. FAKEREDIS_WRITE_EVENTS=1 rewrites the section between the markers.
const file = resolve(__dirname, '../../README.md');

describe('README keyspace event table', () => {
  it('is current', () => {
    const section = renderEventTable(eventTable);
    const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
    const updated = replaceEventSection(text, section) ?? `${text}${text === '' || text.endsWith('\n') ? '' : '\n'}${text === '' ? '' : '\n'}${section}\n`;
    if (process.env.FAKEREDIS_WRITE_EVENTS) writeFileSync(file, updated);
    const current = existsSync(file) ? readFileSync(file, 'utf8') : '';
    expect(current === updated, 'run FAKEREDIS_WRITE_EVENTS=1 vitest run test/keyspace-events/readme.test.ts').toBe(true);
  });
});
