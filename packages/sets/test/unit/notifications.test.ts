import { FakeServer, type KeyspaceEvent } from '@fakeredis/core';
import { describe, expect, it } from 'vitest';
import { mixins } from '../conformance/server.js';

type Argv = string[];

/**
 * Runs commands after a set-up and returns their set ('s') and generic ('g') keyspace
 * events as "class:event:key" ("new" and "keymiss" come from core's keyspace).
 */
function eventsOf(setup: Argv[], commands: Argv[]): string[] {
  const server = new FakeServer({ mixins, seed: 7 });
  for (const command of setup) server.call(...command);
  const events: string[] = [];
  server.notifier.onEvent((e: KeyspaceEvent) => {
    if (e.eventClass === 's' || e.eventClass === 'g') events.push(`${e.eventClass}:${e.event}:${e.key}`);
  });
  for (const command of commands) server.call(...command);
  server.close();
  return events;
}

// The sequences real redis-server 7.0.15 publishes for the same commands
// (notify-keyspace-events KEA, __keyevent@0__:* subscriber), with each event's class.
describe('keyspace events', () => {
  it('SADD: only when something was added', () => {
    expect(eventsOf([], [['SADD', 'k', 'a', 'b'], ['SADD', 'k', 'a']])).toEqual(['s:sadd:k']);
  });

  it('SREM: srem, then del when the set empties', () => {
    expect(eventsOf([['SADD', 'k', 'a', 'b']], [['SREM', 'k', 'x'], ['SREM', 'k', 'a'], ['SREM', 'k', 'b', 'c']])).toEqual([
      's:srem:k', 's:srem:k', 'g:del:k',
    ]);
  });

  it('SMOVE: srem on the source, del if emptied, sadd only when the destination gains the member', () => {
    const setup = [['SADD', 's', 'a', 'b'], ['SADD', 'd', 'a']];
    expect(eventsOf(setup, [['SMOVE', 's', 'd', 'a'], ['SMOVE', 's', 'd', 'b'], ['SMOVE', 's', 'd', 'zz'], ['SMOVE', 'd', 'd', 'a']])).toEqual([
      's:srem:s', 's:srem:s', 'g:del:s', 's:sadd:d',
    ]);
    expect(eventsOf([['SADD', 's', 'a']], [['SMOVE', 's', 'n', 'a']])).toEqual(['s:srem:s', 'g:del:s', 's:sadd:n']);
  });

  it('SPOP: spop for any removal, del when it empties the set, nothing for count 0', () => {
    const commands = [['SPOP', 'k'], ['SPOP', 'k', '0'], ['SPOP', 'k', '1'], ['SPOP', 'k', '5'], ['SPOP', 'k']];
    expect(eventsOf([['SADD', 'k', 'a', 'b', 'c']], commands)).toEqual(['s:spop:k', 's:spop:k', 's:spop:k', 'g:del:k']);
    expect(eventsOf([['SADD', 'k', 'a']], [['SPOP', 'k']])).toEqual(['s:spop:k', 'g:del:k']);
  });

  it('SPOP rebuilding a big share of the set emits one spop', () => {
    const members = Array.from({ length: 20 }, (_, i) => `m${i}`);
    expect(eventsOf([['SADD', 'k', ...members]], [['SPOP', 'k', '18']])).toEqual(['s:spop:k']);
  });

  it('read commands emit nothing', () => {
    const reads = [['SRANDMEMBER', 'k', '-3'], ['SMEMBERS', 'k'], ['SINTER', 'k', 'k'], ['SUNION', 'k'], ['SDIFF', 'k'], ['SINTERCARD', '1', 'k'], ['SSCAN', 'k', '0'], ['SCARD', 'k'], ['SISMEMBER', 'k', 'a'], ['SMISMEMBER', 'k', 'a']];
    expect(eventsOf([['SADD', 'k', 'a']], reads)).toEqual([]);
  });

  it('*STORE: the store event, or del when an empty result removes the destination', () => {
    const setup = [['SADD', 'a', '1', '2'], ['SADD', 'b', '2']];
    const commands = [['SINTERSTORE', 'd', 'a', 'b'], ['SINTERSTORE', 'd', 'a', 'x'], ['SINTERSTORE', 'd', 'a', 'x'], ['SINTERSTORE', 'd', 'a'], ['SINTERSTORE', 'd', 'b', 'x']];
    expect(eventsOf(setup, commands)).toEqual(['s:sinterstore:d', 'g:del:d', 's:sinterstore:d', 'g:del:d']);
    const more = [['SUNIONSTORE', 'd', 'a'], ['SDIFFSTORE', 'd', 'a', 'a'], ['SDIFFSTORE', 'd', 'a', 'a'], ['SDIFFSTORE', 'e', 'a'], ['SUNIONSTORE', 'e', 'x']];
    expect(eventsOf([['SADD', 'a', '1', '2']], more)).toEqual(['s:sunionstore:d', 'g:del:d', 's:sdiffstore:e', 'g:del:e']);
  });

  it('a store over a key with a TTL emits only the store event', () => {
    expect(eventsOf([['SADD', 'a', '1'], ['SET', 'd', 'v'], ['EXPIRE', 'd', '100']], [['SINTERSTORE', 'd', 'a']])).toEqual(['s:sinterstore:d']);
  });

  it('creating a set emits new first', () => {
    const server = new FakeServer({ mixins });
    const events: string[] = [];
    server.notifier.onEvent((e) => {
      if (e.eventClass !== 'm') events.push(`${e.eventClass}:${e.event}:${e.key}`);
    });
    server.call('SADD', 'k', 'a');
    server.call('SUNIONSTORE', 'd', 'k');
    expect(events).toEqual(['n:new:k', 's:sadd:k', 'n:new:d', 's:sunionstore:d']);
  });
});
