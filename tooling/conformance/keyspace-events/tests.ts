import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { FakeServer, type Mixin, serverProfile } from '@fakeredis/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { showMessages } from '../events.js';
import { type RealServer, redisServerAvailable, SHARED_START_CONFIG, startRealServer } from '../real-server.js';
import { runScenarioDetailed } from '../runner.js';
import { runRowOnFake } from './fake-run.js';
import { renderEventTable, replaceEventSection } from './markdown.js';
import { classCheckRuns, expectedMessages, rowClasses, rowName, rowScenario } from './scenario.js';
import type { EventRow, EventTableSection } from './types.js';

/**
 * Registers the vitest tests of a package's keyspace event rows (its
 * test/keyspace-events/table.test.ts calls this with its own sections). Every row runs
 * with event capture against redis-server and a fake composed from `mixins`: (a) both
 * receive the same notifications, (b) they are the table's. Each class letter is pinned
 * by a run with only that class enabled. Rows newer than redis-server 7.0 run on the
 * fake alone, against the table, with a profile of their version.
 */
export function describeEventTable(sections: readonly EventTableSection[], mixins: readonly Mixin[]): void {
  const fakeFor = (row: EventRow) =>
    new FakeServer({
      mixins,
      config: { ...SHARED_START_CONFIG },
      ...(row.since ? { profile: serverProfile('redis', row.since.split('.').slice(0, 2).join('.')) } : {}),
    });

  const rows = sections.flatMap((section) => section.rows.map((row) => ({ section: section.title, row })));

  const newer = rows.filter(({ row }) => row.since);
  // A package whose rows are all checked against redis-server has no such suite.
  if (newer.length > 0) describe('keyspace event table: rows newer than redis-server 7.0 (fake alone)', () => {
    for (const { section, row } of newer) {
      it(`${section}: ${rowName(row)}`, async () => {
        const fake = fakeFor(row);
        try {
          const { messages, replies } = await runRowOnFake(row, fake);
          const errors = replies.filter((r) => r.t === 'error' && /unknown command|wrong number/.test(r.v));
          expect(errors, 'the scenario must run on this version').toEqual([]);
          expect(showMessages(messages)).toBe(showMessages(expectedMessages(row.events, rowClasses(row))));
        } finally {
          fake.close();
        }
      });
    }
  });

  describe.runIf(redisServerAvailable() || process.env.CI)('keyspace event table (conformance vs redis-server)', () => {
    let real: RealServer;
    beforeAll(async () => {
      real = await startRealServer();
    });
    afterAll(async () => {
      await real?.stop();
    });

    const check = async (row: EventRow, classes: string, protocol: 2 | 3) => {
      const fake = fakeFor(row);
      try {
        const result = await runScenarioDetailed(rowScenario(row, classes), protocol, real.port, fake);
        expect(result.mismatches.join('\n\n')).toBe('');
        const expected = showMessages(expectedMessages(row.events, classes));
        expect(showMessages(result.events?.redis.messages ?? []), 'redis-server vs the table').toBe(expected);
        expect(showMessages(result.events?.fake.messages ?? []), 'fake vs the table').toBe(expected);
      } finally {
        fake.close();
      }
    };

    // Rows about due keys rely on redis-server keeping a key whose 1 ms TTL passed while its
    // background expiry is off; under a loaded CI machine the real server has been seen to
    // drop such a key before the steps (cause not found yet). A rerun compares the same
    // steps, exactly, from a fresh FLUSHALL.
    const retry = (row: EventRow) => (row.setup?.some((step) => 'sleep' in step) ? 2 : 0);
    for (const { section, row } of rows.filter(({ row }) => !row.since)) {
      for (const protocol of [2, 3] as const) {
        it(`${section}: ${rowName(row)} [${rowClasses(row)}, RESP${protocol}]`, { retry: retry(row) }, () => check(row, rowClasses(row), protocol));
      }
      for (const classes of classCheckRuns(row)) {
        it(`${section}: ${rowName(row)} [${classes}]`, { retry: retry(row) }, () => check(row, classes, 2));
      }
    }
  });
}

/**
 * Registers the test that keeps a package README's keyspace event table (between the
 * markers) generated from the rows its table test checks, so it cannot drift: the test
 * fails when the section is stale; FAKEREDIS_WRITE_EVENTS=1 rewrites it (and appends it
 * to a README without markers).
 */
export function describeEventReadme(readme: string, sections: readonly EventTableSection[]): void {
  describe('README keyspace event table', () => {
    it('is current', () => {
      const section = renderEventTable(sections);
      const text = existsSync(readme) ? readFileSync(readme, 'utf8') : '';
      const updated = replaceEventSection(text, section) ?? `${text}${text === '' || text.endsWith('\n') ? '' : '\n'}${text === '' ? '' : '\n'}${section}\n`;
      if (process.env.FAKEREDIS_WRITE_EVENTS) writeFileSync(readme, updated);
      const current = existsSync(readme) ? readFileSync(readme, 'utf8') : '';
      expect(current === updated, 'run FAKEREDIS_WRITE_EVENTS=1 vitest run test/keyspace-events/readme.test.ts').toBe(true);
    });
  });
}
