import { describe, expect, it } from 'vitest';
import type { Bytes, FakeServer, KeyspaceEvent } from '../../src/index.js';
import { keyspaceServer } from './fixtures.js';

/** Runs commands and returns the keyspace events they emitted, as "class event key@db". */
function eventsOf(server: FakeServer, ...commands: string[][]): string[] {
  const seen: string[] = [];
  const stop = server.notifier.onEvent((e: KeyspaceEvent) => seen.push(`${e.eventClass} ${e.event} ${e.key}@${e.db}`));
  try {
    for (const argv of commands) server.call(...argv);
  } finally {
    stop();
  }
  return seen;
}

function frozenServer(): FakeServer {
  const server = keyspaceServer();
  server.clock.freeze(1_700_000_000_000);
  return server;
}

describe('keyspace events (where Redis calls notifyKeyspaceEvent)', () => {
  it('DEL and UNLINK emit del for each key deleted', () => {
    const server = frozenServer();
    server.call('SET', 'a', '1');
    server.call('SET', 'b', '1');
    expect(eventsOf(server, ['DEL', 'a', 'nokey'], ['UNLINK', 'b', 'b'])).toEqual(['g del a@0', 'g del b@0']);
  });

  it('EXPIRE emits expire; a time in the past deletes and emits del', () => {
    const server = frozenServer();
    server.call('SET', 'a', '1');
    expect(eventsOf(server, ['EXPIRE', 'a', '100'], ['PEXPIREAT', 'a', '9999999999999'])).toEqual(['g expire a@0', 'g expire a@0']);
    expect(eventsOf(server, ['EXPIRE', 'a', '100', 'NX'], ['EXPIRE', 'nokey', '1'])).toEqual([]);
    expect(eventsOf(server, ['EXPIRE', 'a', '-1'])).toEqual(['g del a@0']);
    expect(server.call('EXISTS', 'a')).toBe(0);
  });

  it('PERSIST emits persist only when it removed an expiry', () => {
    const server = frozenServer();
    server.call('SET', 'a', '1');
    expect(eventsOf(server, ['PERSIST', 'a'])).toEqual([]);
    server.call('EXPIRE', 'a', '10');
    expect(eventsOf(server, ['PERSIST', 'a'])).toEqual(['g persist a@0']);
  });

  it('RENAME emits new for the target, then rename_from and rename_to', () => {
    const server = frozenServer();
    server.call('SET', 'a', '1');
    server.call('SET', 'b', '1');
    expect(eventsOf(server, ['RENAME', 'a', 'b'])).toEqual(['n new b@0', 'g rename_from a@0', 'g rename_to b@0']);
    expect(eventsOf(server, ['RENAME', 'b', 'b'], ['RENAMENX', 'b', 'b'])).toEqual([]);
    server.call('SET', 'c', '1');
    expect(eventsOf(server, ['RENAMENX', 'b', 'c'])).toEqual([]);
    expect(eventsOf(server, ['RENAMENX', 'b', 'd'])).toEqual(['n new d@0', 'g rename_from b@0', 'g rename_to d@0']);
  });

  it('MOVE emits new and move_to in the target database, move_from in the source', () => {
    const server = frozenServer();
    server.call('SET', 'a', '1');
    expect(eventsOf(server, ['MOVE', 'a', '3'])).toEqual(['n new a@3', 'g move_from a@0', 'g move_to a@3']);
  });

  it('COPY emits new and copy_to in the target database', () => {
    const server = frozenServer();
    server.call('SET', 'a', '1');
    server.call('SET', 'b', '1');
    expect(eventsOf(server, ['COPY', 'a', 'b'])).toEqual([]);
    expect(eventsOf(server, ['COPY', 'a', 'b', 'REPLACE'], ['COPY', 'a', 'a', 'DB', '2'])).toEqual([
      'n new b@0', 'g copy_to b@0', 'n new a@2', 'g copy_to a@2',
    ]);
  });

  it('reads that meet an expired key emit expired; FLUSH*, SWAPDB, reads emit nothing else', () => {
    const server = frozenServer();
    server.call('SET', 'a', '1');
    server.call('PEXPIRE', 'a', '10');
    server.call('SET', 'b', '1');
    server.clock.freeze(server.clock.now() + 11); // no active cycle: only lookups expire keys
    expect(
      eventsOf(server, ['EXISTS', 'b'], ['TYPE', 'b'], ['TTL', 'b'], ['TOUCH', 'b'], ['OBJECT', 'ENCODING', 'b'], ['KEYS', '*'], ['SCAN', '0']),
    ).toEqual(['x expired a@0']);
    expect(eventsOf(server, ['SWAPDB', '0', '1'], ['FLUSHDB'], ['FLUSHALL'], ['SELECT', '1'], ['DBSIZE'])).toEqual([]);
  });

  it('KEYS leaves expired keys in place; SCAN and RANDOMKEY collect them', () => {
    const server = frozenServer();
    for (const k of ['a', 'b', 'c']) {
      server.call('SET', k, '1');
      server.call('PEXPIRE', k, '5');
    }
    server.clock.freeze(server.clock.now() + 6); // no active cycle: only lookups expire keys
    expect(server.call('KEYS', '*')).toEqual([]);
    expect(server.call('DBSIZE')).toBe(3);
    expect(eventsOf(server, ['SCAN', '0', 'MATCH', 'a'])).toEqual(['x expired a@0']);
    expect(server.call('DBSIZE')).toBe(2);
    expect(eventsOf(server, ['RANDOMKEY']).sort()).toEqual(['x expired b@0', 'x expired c@0']);
    expect(server.call('DBSIZE')).toBe(0);
  });

  it('SCAN TYPE none lists a key its type lookup just expired, as Redis does', () => {
    const server = frozenServer();
    server.call('SET', 'gone', '1');
    server.call('PEXPIRE', 'gone', '5');
    server.call('SET', 'live', '1');
    server.clock.freeze(server.clock.now() + 6);
    expect(server.call('SCAN', '0', 'TYPE', 'none')).toEqual(['0', ['gone']]);
    expect(server.call('DBSIZE')).toBe(1);
  });

  it('events carry binary keys unchanged', () => {
    const server = frozenServer();
    const key = Buffer.from([0, 0xff]);
    server.call('SET', key, '1');
    expect(eventsOf(server, ['DEL', key])).toEqual([`g del ${'\x00\xff' as Bytes}@0`]);
  });
});
