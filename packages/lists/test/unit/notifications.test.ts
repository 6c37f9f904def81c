import { FakeServer, type KeyspaceEvent } from '@fakeredis/core';
import { describe, expect, it } from 'vitest';
import { mixins } from '../conformance/server.js';

/** The events (every class) commands emit after a set-up, as "class:event:key". */
function eventsOf(setup: string[][], commands: string[][]): string[] {
  const server = new FakeServer({ mixins });
  for (const command of setup) server.call(...command);
  const events: string[] = [];
  server.notifier.onEvent((e: KeyspaceEvent) => {
    if (e.eventClass !== 'm') events.push(`${e.eventClass}:${e.event}:${e.key}`);
  });
  for (const command of commands) server.call(...command);
  server.close();
  return events;
}

// The sequences redis-server 7.0.15 publishes (checked with a __keyevent@0__:*
// subscriber); `new` (class n) comes from dbAdd before the command's own event.
describe('keyspace events', () => {
  it('a push creating a key: new, then lpush/rpush', () => {
    expect(eventsOf([], [['RPUSH', 'l', 'a', 'b'], ['LPUSH', 'l', 'c'], ['LPUSHX', 'm', 'a']])).toEqual(['n:new:l', 'l:rpush:l', 'l:lpush:l']);
  });

  it('pops: lpop/rpop, then del when emptied; nothing for count 0 or a missing key', () => {
    const commands = [['LPOP', 'l', '0'], ['LPOP', 'l'], ['RPOP', 'l', '5'], ['LPOP', 'l'], ['LPOP', 'l', '2']];
    expect(eventsOf([['RPUSH', 'l', 'a', 'b', 'c']], commands)).toEqual(['l:lpop:l', 'l:rpop:l', 'g:del:l']);
  });

  it('LMOVE: the destination push before the source pop; the same key is never deleted', () => {
    expect(eventsOf([['RPUSH', 's', 'a']], [['LMOVE', 's', 'd', 'LEFT', 'RIGHT']])).toEqual(['n:new:d', 'l:rpush:d', 'l:lpop:s', 'g:del:s']);
    expect(eventsOf([['RPUSH', 's', 'a']], [['LMOVE', 's', 's', 'RIGHT', 'LEFT'], ['RPOPLPUSH', 's', 's']])).toEqual([
      'l:lpush:s', 'l:rpop:s', 'l:lpush:s', 'l:rpop:s',
    ]);
  });

  it('LINSERT, LSET, LREM, LTRIM', () => {
    const commands = [
      ['LINSERT', 'l', 'BEFORE', 'zz', 'x'], ['LINSERT', 'l', 'AFTER', 'a', 'x'], ['LSET', 'l', '0', 'y'], ['LREM', 'l', '0', 'zz'], ['LREM', 'l', '1', 'x'],
      ['LTRIM', 'l', '0', '-1'], ['LTRIM', 'missing', '0', '1'], ['LTRIM', 'l', '1', '0'],
    ];
    expect(eventsOf([['RPUSH', 'l', 'a', 'b']], commands)).toEqual(['l:linsert:l', 'l:lset:l', 'l:lrem:l', 'l:ltrim:l', 'l:ltrim:l', 'g:del:l']);
    expect(eventsOf([['RPUSH', 'l', 'a']], [['LREM', 'l', '0', 'a']])).toEqual(['l:lrem:l', 'g:del:l']);
  });

  it('LMPOP: the pop event of the key served, del when emptied', () => {
    expect(eventsOf([['RPUSH', 'b', '1', '2']], [['LMPOP', '2', 'a', 'b', 'RIGHT'], ['LMPOP', '1', 'b', 'LEFT', 'COUNT', '9']])).toEqual([
      'l:rpop:b', 'l:lpop:b', 'g:del:b',
    ]);
  });
});
