import { FakeServer, serverProfile } from '@fakeredis/core';
import { allMixins } from '@fakeredis/server';
import {
  classCheckRuns, type EventRow, eventTable, expectedMessages, type RealServer, redisServerAvailable, rowClasses, rowName,
  rowScenario, runRowOnFake, runScenarioDetailed, SHARED_START_CONFIG, showMessages, startRealServer,
} from '@fakeredis/tooling/conformance';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Every row of the keyspace event table runs with event capture against redis-server and
// the fake: (a) both receive the same notifications, (b) they are the table's. Each class
// letter is pinned by a run with only that class enabled. Rows newer than redis-server
// 7.0 run on the fake alone, against the table.

const fakeFor = (row: EventRow) =>
  new FakeServer({
    mixins: allMixins,
    config: { ...SHARED_START_CONFIG },
    ...(row.since ? { profile: serverProfile('redis', row.since.split('.').slice(0, 2).join('.')) } : {}),
  });

const rows = eventTable.flatMap((section) => section.rows.map((row) => ({ section: section.title, row })));
const available = redisServerAvailable();

describe('keyspace event table: rows newer than redis-server 7.0 (fake alone)', () => {
  for (const { section, row } of rows.filter(({ row }) => row.since)) {
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

describe.runIf(available || process.env.CI)('keyspace event table (conformance vs redis-server)', () => {
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

  for (const { section, row } of rows.filter(({ row }) => !row.since)) {
    for (const protocol of [2, 3] as const) {
      it(`${section}: ${rowName(row)} [${rowClasses(row)}, RESP${protocol}]`, () => check(row, rowClasses(row), protocol));
    }
    for (const classes of classCheckRuns(row)) {
      it(`${section}: ${rowName(row)} [${classes}]`, () => check(row, classes, 2));
    }
  }
});
