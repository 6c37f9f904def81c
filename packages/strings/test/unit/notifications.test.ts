import { FakeServer, type KeyspaceEvent } from '@fakeredis/core';
import { describe, expect, it } from 'vitest';
import { mixins } from '../conformance/server.js';

/**
 * Runs commands and returns the keyspace events they emitted, as "class:event:key".
 * Key creation's "new" events and read misses' "keymiss" events come from core's
 * keyspace and are left out (KEA enables neither).
 */
function eventsOf(commands: Array<Array<string | Buffer>>, setup: Array<Array<string | Buffer>> = []): string[] {
  const server = new FakeServer({ mixins });
  for (const command of setup) server.call(...command);
  const events: string[] = [];
  server.notifier.onEvent((e: KeyspaceEvent) => {
    if (e.eventClass !== 'n' && e.eventClass !== 'm') events.push(`${e.eventClass}:${e.event}:${e.key}`);
  });
  for (const command of commands) server.call(...command);
  server.close();
  return events;
}

// Emit points as in Redis 7.0's t_string.c, bitops.c and hyperloglog.c (checked with
// notify-keyspace-events KEA against redis-server 7.0.15).
describe('keyspace events', () => {
  it('SET and its variants', () => {
    expect(eventsOf([['SET', 'k', 'v']])).toEqual(['$:set:k']);
    expect(eventsOf([['SET', 'k', 'v', 'EX', '10']])).toEqual(['$:set:k', 'g:expire:k']);
    expect(eventsOf([['SET', 'k', 'v', 'NX']], [['SET', 'k', 'v']])).toEqual([]);
    expect(eventsOf([['SET', 'k', 'v', 'GET']], [['SET', 'k', 'v']])).toEqual(['$:set:k']);
    expect(eventsOf([['SETNX', 'k', 'v'], ['SETNX', 'k', 'v']])).toEqual(['$:set:k']);
    expect(eventsOf([['SETEX', 'k', '10', 'v'], ['PSETEX', 'p', '10', 'v']])).toEqual(['$:set:k', 'g:expire:k', '$:set:p', 'g:expire:p']);
    expect(eventsOf([['GETSET', 'k', 'v']])).toEqual(['$:set:k']);
    expect(eventsOf([['MSET', 'a', '1', 'b', '2']])).toEqual(['$:set:a', '$:set:b']);
    expect(eventsOf([['MSETNX', 'a', '1', 'b', '2']], [['SET', 'b', 'x']])).toEqual([]);
  });

  it('GETDEL and GETEX', () => {
    expect(eventsOf([['GETDEL', 'k'], ['GETDEL', 'x']], [['SET', 'k', 'v']])).toEqual(['g:del:k']);
    const setup = [['SET', 'k', 'v']];
    expect(eventsOf([['GETEX', 'k', 'EX', '10'], ['GETEX', 'k', 'PERSIST'], ['GETEX', 'k', 'PERSIST']], setup)).toEqual([
      'g:expire:k',
      'g:persist:k',
    ]);
    expect(eventsOf([['GETEX', 'k', 'EXAT', '1']], setup)).toEqual(['g:del:k']);
    expect(eventsOf([['GETEX', 'k']], setup)).toEqual([]);
  });

  it('APPEND, SETRANGE, INCR family', () => {
    expect(eventsOf([['APPEND', 'k', 'a'], ['APPEND', 'k', 'b']])).toEqual(['$:append:k', '$:append:k']);
    expect(eventsOf([['SETRANGE', 'k', '0', ''], ['SETRANGE', 'k', '2', 'x'], ['SETRANGE', 'k', '0', '']])).toEqual(['$:setrange:k']);
    expect(eventsOf([['INCR', 'k'], ['DECRBY', 'k', '2'], ['INCRBYFLOAT', 'k', '1.5']])).toEqual(['$:incrby:k', '$:incrby:k', '$:incrbyfloat:k']);
    expect(eventsOf([['INCR', 'k'], ['INCRBYFLOAT', 'k', 'x']], [['SET', 'k', 'abc']])).toEqual([]);
  });

  it('bitmaps: only changes are notified', () => {
    expect(eventsOf([['SETBIT', 'b', '3', '1'], ['SETBIT', 'b', '3', '1'], ['SETBIT', 'b', '3', '0'], ['SETBIT', 'b', '20', '0']])).toEqual([
      '$:setbit:b',
      '$:setbit:b',
      '$:setbit:b',
    ]);
    expect(eventsOf([['BITFIELD', 'b', 'SET', 'u8', '0', '0'], ['BITFIELD', 'b', 'SET', 'u8', '0', '1'], ['BITFIELD', 'b', 'GET', 'u8', '0']], [['SET', 'b', Buffer.from([0])]])).toEqual([
      '$:setbit:b',
    ]);
    expect(eventsOf([['BITFIELD', 'n', 'INCRBY', 'u2', '0', '0']])).toEqual(['$:setbit:n']);
    expect(eventsOf([['BITOP', 'OR', 'd', 'a'], ['BITOP', 'OR', 'd', 'x'], ['BITOP', 'OR', 'd', 'x']], [['SET', 'a', 'v']])).toEqual([
      '$:set:d',
      'g:del:d',
    ]);
  });

  it('HyperLogLog: pfadd for PFADD and PFMERGE, nothing for PFCOUNT', () => {
    expect(eventsOf([['PFADD', 'h'], ['PFADD', 'h'], ['PFADD', 'h', 'a'], ['PFADD', 'h', 'a'], ['PFCOUNT', 'h'], ['PFMERGE', 'm', 'h']])).toEqual([
      '$:pfadd:h',
      '$:pfadd:h',
      '$:pfadd:m',
    ]);
  });
});
