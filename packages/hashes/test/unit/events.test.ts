import { describe, expect, it } from 'vitest';
import { eventsOf, hashServer } from './fixtures.js';

// The events Redis 7.0.15 emits for each command (checked with PSUBSCRIBE on a real
// server: notify-keyspace-events KEAn).
describe('keyspace events of the hash commands', () => {
  it('HSET / HMSET: new for a new key, then hset; hset even when nothing changed', () => {
    const server = hashServer();
    expect(eventsOf(server, ['HSET', 'h', 'a', '1'], ['HSET', 'h', 'a', '1'], ['HMSET', 'h', 'b', '2'])).toEqual([
      'n new h',
      'h hset h',
      'h hset h',
      'h hset h',
    ]);
  });

  it('HSETNX: hset only when it set the field', () => {
    const server = hashServer();
    server.call('HSET', 'h', 'a', '1');
    expect(eventsOf(server, ['HSETNX', 'h', 'a', '5'], ['HSETNX', 'h', 'c', '5'])).toEqual(['h hset h']);
  });

  it('HINCRBY / HINCRBYFLOAT: their own events; none when the increment is refused', () => {
    const server = hashServer();
    expect(eventsOf(server, ['HINCRBY', 'h', 'a', '2'], ['HINCRBYFLOAT', 'h', 'a', '1.5'])).toEqual([
      'n new h',
      'h hincrby h',
      'h hincrbyfloat h',
    ]);
    expect(eventsOf(server, ['HINCRBY', 'k', 'x', 'abc'], ['HINCRBYFLOAT', 'k', 'x', 'abc'], ['HINCRBY', 'h', 'a', '1'])).toEqual([]);
  });

  it('HDEL: hdel when something went, del when the key went', () => {
    const server = hashServer();
    server.call('HSET', 'h', 'a', '1', 'b', '2', 'c', '3');
    expect(eventsOf(server, ['HDEL', 'h', 'nope'])).toEqual([]);
    expect(eventsOf(server, ['HDEL', 'h', 'a', 'b'])).toEqual(['h hdel h']);
    expect(eventsOf(server, ['HDEL', 'h', 'c'])).toEqual(['h hdel h', 'g del h']);
  });

  it('reads emit nothing', () => {
    const server = hashServer();
    server.call('HSET', 'h', 'a', '1');
    const reads = [['HGET', 'h', 'a'], ['HMGET', 'h', 'a'], ['HGETALL', 'h'], ['HKEYS', 'h'], ['HVALS', 'h'], ['HLEN', 'h'], ['HSTRLEN', 'h', 'a'], ['HEXISTS', 'h', 'a'], ['HRANDFIELD', 'h'], ['HSCAN', 'h', '0']];
    expect(eventsOf(server, ...reads)).toEqual([]);
  });
});
