import { ErrorReply, MapReply, NULL_ARRAY } from '@fakeredis/core';
import { describe, expect, it } from 'vitest';
import { eventsOf, fieldArgs, hashServer, T0 } from './fixtures.js';

const err = (message: string) => new ErrorReply(message);
const map = (...pairs: string[]) => {
  const entries: Array<[string, string]> = [];
  for (let i = 0; i < pairs.length; i += 2) entries.push([pairs[i] as string, pairs[i + 1] as string]);
  return new MapReply(entries);
};

// Hash field expiration as Redis 7.4 implements it (t_hash.c, redis.io/commands/hexpire):
// written from the source and documentation, since the reference server is 7.0.
describe('HEXPIRE, HPEXPIRE, HEXPIREAT, HPEXPIREAT', () => {
  it('sets TTLs and replies per field: 1 set, -2 no such field, 2 deleted', () => {
    const server = hashServer('7.4');
    server.call('HSET', 'h', 'a', '1', 'b', '2', 'c', '3');
    expect(server.call('HEXPIRE', 'h', '100', 'FIELDS', '2', 'a', 'zz')).toEqual([1, -2]);
    expect(server.call('HPEXPIRE', 'h', '1500', 'FIELDS', '1', 'b')).toEqual([1]);
    expect(server.call('HPTTL', 'h', 'FIELDS', '3', 'a', 'b', 'c')).toEqual([100_000, 1500, -1]);
    expect(server.call('HEXPIREAT', 'h', String(T0 / 1000 + 50), 'FIELDS', '1', 'c')).toEqual([1]);
    expect(server.call('HPEXPIRETIME', 'h', 'FIELDS', '1', 'c')).toEqual([T0 + 50_000]);
    // A time not in the future deletes the field.
    expect(server.call('HPEXPIREAT', 'h', String(T0), 'FIELDS', '1', 'c')).toEqual([2]);
    expect(server.call('HEXPIRE', 'h', '0', 'FIELDS', '2', 'b', 'b')).toEqual([2, -2]);
    expect(server.call('HGETALL', 'h')).toEqual(map('a', '1'));
  });

  it('a missing key reads as an empty hash: -2 for every field', () => {
    const server = hashServer('7.4');
    expect(server.call('HEXPIRE', 'nope', '10', 'FIELDS', '2', 'a', 'b')).toEqual([-2, -2]);
    expect(server.call('HTTL', 'nope', 'FIELDS', '1', 'a')).toEqual([-2]);
    expect(server.call('HPERSIST', 'nope', 'FIELDS', '1', 'a')).toEqual([-2]);
    expect(server.call('EXISTS', 'nope')).toBe(0);
  });

  it('NX, XX, GT, LT: a field without TTL counts as an infinite TTL', () => {
    const server = hashServer('7.4');
    server.call('HSET', 'h', 'a', '1', 'b', '2');
    expect(server.call('HEXPIRE', 'h', '100', 'XX', 'FIELDS', '1', 'a')).toEqual([0]);
    expect(server.call('HEXPIRE', 'h', '100', 'GT', 'FIELDS', '1', 'a')).toEqual([0]);
    expect(server.call('HEXPIRE', 'h', '100', 'LT', 'FIELDS', '1', 'a')).toEqual([1]);
    expect(server.call('HEXPIRE', 'h', '100', 'NX', 'FIELDS', '2', 'a', 'b')).toEqual([0, 1]);
    expect(server.call('HEXPIRE', 'h', '200', 'xx', 'FIELDS', '1', 'a')).toEqual([1]);
    expect(server.call('HEXPIRE', 'h', '150', 'GT', 'FIELDS', '1', 'a')).toEqual([0]);
    expect(server.call('HEXPIRE', 'h', '250', 'gt', 'FIELDS', '1', 'a')).toEqual([1]);
    expect(server.call('HEXPIRE', 'h', '250', 'LT', 'FIELDS', '1', 'a')).toEqual([0]);
    expect(server.call('HEXPIRE', 'h', '50', 'Lt', 'FIELDS', '1', 'a')).toEqual([1]);
    expect(server.call('HTTL', 'h', 'FIELDS', '2', 'a', 'b')).toEqual([50, 100]);
    // A condition not met does not delete, even with a past time.
    expect(server.call('HEXPIRE', 'h', '0', 'NX', 'FIELDS', '1', 'a')).toEqual([0]);
    expect(server.call('HEXISTS', 'h', 'a')).toBe(1);
  });

  it('errors, in Redis order: type, time, FIELDS, numfields, count', () => {
    const server = hashServer('7.4');
    server.call('SET', 's', 'x');
    server.call('HSET', 'h', 'a', '1');
    const wrongType = err('WRONGTYPE Operation against a key holding the wrong kind of value');
    expect(server.call('HEXPIRE', 's', 'x', 'FIELDS', '1', 'a')).toEqual(wrongType);
    expect(server.call('HEXPIRE', 'h', 'x', 'FIELDS', '1', 'a')).toEqual(err('ERR value is not an integer or out of range'));
    expect(server.call('HEXPIRE', 'h', '-1', 'FIELDS', '1', 'a')).toEqual(err('ERR invalid expire time, must be >= 0'));
    expect(server.call('HEXPIRE', 'h', '70368744178', 'FIELDS', '1', 'a')).toEqual(err("ERR invalid expire time in 'hexpire' command"));
    expect(server.call('HPEXPIREAT', 'h', String(2 ** 46), 'FIELDS', '1', 'a')).toEqual(err("ERR invalid expire time in 'hpexpireat' command"));
    expect(server.call('HPEXPIREAT', 'h', String(2 ** 46 - 1), 'FIELDS', '1', 'a')).toEqual([1]);
    expect(server.call('HPEXPIRE', 'h', String(2 ** 46 - 1 - T0), 'FIELDS', '1', 'a')).toEqual([1]);
    expect(server.call('HPEXPIRE', 'h', String(2 ** 46 - T0), 'FIELDS', '1', 'a')).toEqual(err("ERR invalid expire time in 'hpexpire' command"));
    expect(server.call('HEXPIRE', 'h', '10', 'BOGUS', 'FIELDS', '1', 'a')).toEqual(err('ERR Mandatory argument FIELDS is missing or not at the right position'));
    expect(server.call('HEXPIRE', 'h', '10', 'NX', 'XX', 'FIELDS', '1', 'a')).toEqual(err('ERR Mandatory argument FIELDS is missing or not at the right position'));
    expect(server.call('HEXPIRE', 'h', '10', 'FIELDS', '0', 'a')).toEqual(err('ERR Parameter `numFields` should be greater than 0'));
    expect(server.call('HEXPIRE', 'h', '10', 'FIELDS', 'x', 'a')).toEqual(err('ERR Parameter `numFields` should be greater than 0'));
    expect(server.call('HEXPIRE', 'h', '10', 'FIELDS', '2', 'a')).toEqual(err('ERR The `numfields` parameter must match the number of arguments'));
    expect(server.call('HEXPIRE', 'h', '10', 'FIELDS', '1', 'a', 'b')).toEqual(err('ERR The `numfields` parameter must match the number of arguments'));
    expect(server.call('HEXPIRE', 'h', '10', 'FIELDS', '1')).toEqual(err("ERR wrong number of arguments for 'hexpire' command"));
    // The key is checked before anything else; the arguments before the key's existence.
    expect(server.call('HEXPIRE', 'nope', 'x', 'FIELDS', '1', 'a')).toEqual(err('ERR value is not an integer or out of range'));
  });

  it('events: hexpire for set TTLs, hdel when a field went, del with the key', () => {
    const server = hashServer('7.4');
    server.call('HSET', 'h', 'a', '1', 'b', '2');
    expect(eventsOf(server, ['HEXPIRE', 'h', '10', 'FIELDS', '1', 'a'])).toEqual(['h hexpire h']);
    expect(eventsOf(server, ['HEXPIRE', 'h', '10', 'NX', 'FIELDS', '1', 'a'], ['HEXPIRE', 'h', '10', 'FIELDS', '1', 'zz'])).toEqual([]);
    expect(eventsOf(server, ['HEXPIRE', 'h', '0', 'FIELDS', '1', 'a'])).toEqual(['h hdel h']);
    expect(eventsOf(server, ['HEXPIRE', 'h', '0', 'FIELDS', '1', 'b'])).toEqual(['h hdel h', 'g del h']);
    expect(server.call('EXISTS', 'h')).toBe(0);
  });

  it('WATCH sees a TTL change', () => {
    const server = hashServer('7.4');
    server.call('HSET', 'h', 'a', '1');
    const watcher = server.createClient();
    watcher.protocol = 3;
    server.execute(watcher, ['WATCH', 'h'] as never);
    server.call('HEXPIRE', 'h', '10', 'FIELDS', '1', 'a');
    server.execute(watcher, ['MULTI'] as never);
    server.execute(watcher, ['HGET', 'h', 'a'] as never);
    expect(server.execute(watcher, ['EXEC'] as never)).toBe(NULL_ARRAY);
  });
});

describe('HTTL, HPTTL, HEXPIRETIME, HPEXPIRETIME', () => {
  it('-2 no field, -1 no TTL, else seconds rounded up or milliseconds', () => {
    const server = hashServer('7.4');
    server.call('HSET', 'h', 'a', '1', 'b', '2');
    server.call('HPEXPIRE', 'h', '1001', 'FIELDS', '1', 'a');
    expect(server.call('HTTL', 'h', 'FIELDS', '3', 'a', 'b', 'c')).toEqual([2, -1, -2]);
    expect(server.call('HPTTL', 'h', 'FIELDS', '1', 'a')).toEqual([1001]);
    expect(server.call('HEXPIRETIME', 'h', 'FIELDS', '1', 'a')).toEqual([Math.ceil((T0 + 1001) / 1000)]);
    expect(server.call('HPEXPIRETIME', 'h', 'FIELDS', '2', 'a', 'b')).toEqual([T0 + 1001, -1]);
    server.call('DEBUG', 'SET-ACTIVE-EXPIRE', '0');
    server.clock.freeze(T0 + 1001);
    // A listpack counts a field due this very millisecond as gone.
    expect(server.call('HPTTL', 'h', 'FIELDS', '1', 'a')).toEqual([-2]);
    expect(server.call('HLEN', 'h')).toBe(2);
  });

  it('errors: FIELDS keyword, numfields, count, type', () => {
    const server = hashServer('7.4');
    server.call('HSET', 'h', 'a', '1');
    server.call('SET', 's', 'x');
    expect(server.call('HTTL', 'h', 'NOTFIELDS', '1', 'a')).toEqual(err('ERR Mandatory argument FIELDS is missing or not at the right position'));
    expect(server.call('HTTL', 'h', 'FIELDS', '0', 'a')).toEqual(err('ERR Number of fields must be a positive integer'));
    expect(server.call('HPTTL', 'h', 'FIELDS', '-1', 'a')).toEqual(err('ERR Number of fields must be a positive integer'));
    expect(server.call('HEXPIRETIME', 'h', 'FIELDS', '3', 'a', 'b')).toEqual(err('ERR The `numfields` parameter must match the number of arguments'));
    expect(server.call('HPEXPIRETIME', 's', 'FIELDS', '1', 'a')).toEqual(err('WRONGTYPE Operation against a key holding the wrong kind of value'));
    expect(server.call('HTTL', 'h', 'FIELDS', '1')).toEqual(err("ERR wrong number of arguments for 'httl' command"));
  });
});

describe('HPERSIST', () => {
  it('1 removed, -1 no TTL, -2 no field; hpersist event only when something changed', () => {
    const server = hashServer('7.4');
    server.call('HSET', 'h', 'a', '1', 'b', '2');
    server.call('HEXPIRE', 'h', '100', 'FIELDS', '1', 'a');
    expect(eventsOf(server, ['HPERSIST', 'h', 'FIELDS', '3', 'a', 'b', 'c'])).toEqual(['h hpersist h']);
    expect(server.call('HTTL', 'h', 'FIELDS', '1', 'a')).toEqual([-1]);
    expect(server.call('HPERSIST', 'h', 'FIELDS', '3', 'a', 'b', 'c')).toEqual([-1, -1, -2]);
    expect(eventsOf(server, ['HPERSIST', 'h', 'FIELDS', '1', 'a'])).toEqual([]);
    expect(server.call('HPERSIST', 'h', 'FIELDS', '0', 'a')).toEqual(err('ERR Number of fields must be a positive integer'));
  });

  it('an expired field not yet collected is no field', () => {
    const server = hashServer('7.4');
    server.call('DEBUG', 'SET-ACTIVE-EXPIRE', '0');
    server.call('HSET', 'h', 'a', '1', 'b', '2');
    server.call('HPEXPIRE', 'h', '10', 'FIELDS', '1', 'a');
    server.clock.advance(11);
    expect(server.call('HPERSIST', 'h', 'FIELDS', '1', 'a')).toEqual([-2]);
    expect(server.call('HLEN', 'h')).toBe(2);
  });
});

describe('fields expire lazily', () => {
  function expiredField(): ReturnType<typeof hashServer> {
    const server = hashServer('7.4');
    server.call('DEBUG', 'SET-ACTIVE-EXPIRE', '0');
    server.call('HSET', 'h', 'a', '1', 'b', '2');
    server.call('HPEXPIRE', 'h', '10', 'FIELDS', '2', 'a', 'b');
    server.call('HPERSIST', 'h', 'FIELDS', '1', 'b');
    server.clock.advance(11);
    return server;
  }

  it('HLEN counts an expired field until something collects it', () => {
    const server = expiredField();
    expect(server.call('HLEN', 'h')).toBe(2);
    expect(server.call('HGETALL', 'h')).toEqual(map('b', '2'));
    expect(server.call('HKEYS', 'h')).toEqual(['b']);
    expect(server.call('HVALS', 'h')).toEqual(['2']);
    expect(server.call('HSCAN', 'h', '0')).toEqual(['0', ['b', '2']]);
    expect(server.call('HLEN', 'h')).toBe(2);
    expect(eventsOf(server, ['HGET', 'h', 'a'])).toEqual(['h hexpired h']);
    expect(server.call('HLEN', 'h')).toBe(1);
  });

  it('HGET, HEXISTS, HSTRLEN delete it and emit hexpired', () => {
    for (const read of [['HGET', 'h', 'a'], ['HEXISTS', 'h', 'a'], ['HSTRLEN', 'h', 'a']]) {
      const server = expiredField();
      const reply = server.call(...read);
      expect(reply === null || reply === 0).toBe(true);
      expect(server.call('HLEN', 'h')).toBe(1);
    }
  });

  it('the last field takes the key with it: hexpired, then del', () => {
    const server = expiredField();
    server.call('HDEL', 'h', 'b');
    expect(eventsOf(server, ['HGET', 'h', 'a'])).toEqual(['h hexpired h', 'g del h']);
    expect(server.call('EXISTS', 'h')).toBe(0);
  });

  it('HMGET: one hexpired after all the fields, then del', () => {
    const server = expiredField();
    server.call('HPEXPIRE', 'h', '5', 'FIELDS', '1', 'b');
    server.clock.advance(6);
    expect(eventsOf(server, ['HMGET', 'h', 'a', 'b', 'a'])).toEqual(['h hexpired h', 'g del h']);
    expect(server.call('HMGET', 'h', 'a')).toEqual([null]);
  });

  it('HSETNX and HINCRBY treat it as absent; HSET overwrites it as an update', () => {
    const server = expiredField();
    expect(server.call('HSETNX', 'h', 'a', 'new')).toBe(1);
    expect(server.call('HTTL', 'h', 'FIELDS', '1', 'a')).toEqual([-1]);
    const other = expiredField();
    expect(other.call('HINCRBY', 'h', 'a', '5')).toBe(5);
    const third = expiredField();
    // hashTypeSet does not look at TTLs: the stale field is replaced, counted as updated.
    expect(third.call('HSET', 'h', 'a', 'x')).toBe(0);
    expect(third.call('HTTL', 'h', 'FIELDS', '1', 'a')).toEqual([-1]);
  });

  it('an increment of the last, expired field starts a new hash', () => {
    const server = expiredField();
    server.call('HDEL', 'h', 'b');
    expect(eventsOf(server, ['HINCRBYFLOAT', 'h', 'a', '1.5'])).toEqual(['h hexpired h', 'g del h', 'n new h', 'h hincrbyfloat h']);
    expect(server.call('HGETALL', 'h')).toEqual(map('a', '1.5'));
  });

  it('HRANDFIELD collects every expired field first', () => {
    const server = expiredField();
    expect(server.call('HRANDFIELD', 'h', '-5')).toEqual(['b', 'b', 'b', 'b', 'b']);
    expect(server.call('HLEN', 'h')).toBe(1);
    server.call('HPEXPIRE', 'h', '1', 'FIELDS', '1', 'b');
    server.clock.advance(2);
    expect(eventsOf(server, ['HRANDFIELD', 'h'])).toEqual(['h hexpired h', 'g del h']);
  });

  it('HDEL counts an expired field it removes', () => {
    const server = expiredField();
    expect(server.call('HDEL', 'h', 'a')).toBe(1);
  });
});

describe('fields expire actively', () => {
  it('the expiry cycle (clock.advance) deletes due fields and emptied hashes', () => {
    const server = hashServer('7.4');
    server.call('HSET', 'h', 'a', '1', 'b', '2', 'c', '3');
    server.call('HPEXPIRE', 'h', '100', 'FIELDS', '1', 'a');
    server.call('HPEXPIRE', 'h', '200', 'FIELDS', '2', 'b', 'c');
    const seen: string[] = [];
    server.notifier.onEvent((e) => {
      if (e.eventClass !== 'm') seen.push(`${e.event} ${e.key}`);
    });
    server.clock.advance(150);
    expect(server.call('HLEN', 'h')).toBe(2);
    server.clock.advance(100);
    expect(server.call('EXISTS', 'h')).toBe(0);
    expect(seen).toEqual(['hexpired h', 'hexpired h', 'del h']);
  });

  it('a TTL made shorter, longer or removed is honoured', () => {
    const server = hashServer('7.4');
    server.call('HSET', 'h', 'a', '1', 'b', '2');
    server.call('HPEXPIRE', 'h', '1000', 'FIELDS', '2', 'a', 'b');
    server.call('HPEXPIRE', 'h', '10', 'FIELDS', '1', 'a');
    server.clock.advance(20);
    expect(server.call('HLEN', 'h')).toBe(1);
    server.call('HPERSIST', 'h', 'FIELDS', '1', 'b');
    server.clock.advance(2000);
    expect(server.call('HGETALL', 'h')).toEqual(map('b', '2'));
  });

  it('follows the hash through RENAME, MOVE, SWAPDB and COPY', () => {
    const server = hashServer('7.4');
    const setup = (key: string) => {
      server.call('HSET', key, 'a', '1');
      server.call('HPEXPIRE', key, '100', 'FIELDS', '1', 'a');
    };
    setup('r');
    server.call('RENAME', 'r', 'r2');
    setup('m');
    server.call('MOVE', 'm', '1');
    setup('s');
    server.call('SWAPDB', '0', '2');
    setup('c');
    server.call('COPY', 'c', 'c2');
    server.clock.advance(150);
    const remaining: unknown[] = [];
    for (const db of ['0', '1', '2']) {
      server.call('SELECT', db);
      remaining.push(server.call('DBSIZE'));
    }
    expect(remaining).toEqual([0, 0, 0]);
  });

  it('a hash deleted or replaced is no longer looked at', () => {
    const server = hashServer('7.4');
    server.call('HSET', 'h', 'a', '1');
    server.call('HPEXPIRE', 'h', '100', 'FIELDS', '1', 'a');
    server.call('DEL', 'h');
    server.call('HSET', 'h', 'a', '2');
    server.clock.advance(150);
    expect(server.call('HGET', 'h', 'a')).toBe('2');
  });

  it('DEBUG SET-ACTIVE-EXPIRE 0 leaves fields to lazy expiry', () => {
    const server = hashServer('7.4');
    server.call('DEBUG', 'SET-ACTIVE-EXPIRE', '0');
    server.call('HSET', 'h', 'a', '1', 'b', '2');
    server.call('HPEXPIRE', 'h', '10', 'FIELDS', '1', 'a');
    server.clock.advance(20);
    expect(server.call('HLEN', 'h')).toBe(2);
    server.call('DEBUG', 'SET-ACTIVE-EXPIRE', '1');
    server.clock.advance(1);
    expect(server.call('HLEN', 'h')).toBe(1);
  });

  it('many hashes: each expires at its own time', () => {
    const server = hashServer('7.4');
    for (let i = 0; i < 50; i++) {
      server.call('HSET', `k${i}`, 'f', 'v', 'g', 'w');
      server.call('HPEXPIRE', `k${i}`, String(10 * (i + 1)), 'FIELDS', '1', 'f');
    }
    server.clock.advance(255);
    let withF = 0;
    for (let i = 0; i < 50; i++) withF += server.call('HEXISTS', `k${i}`, 'f') as number;
    expect(withF).toBe(25);
    expect(server.call('DBSIZE')).toBe(50);
  });
});

describe('TTLs and writes', () => {
  it('HSET and HMSET drop a TTL; HINCRBY and HINCRBYFLOAT keep it', () => {
    const server = hashServer('7.4');
    server.call('HSET', 'h', 'a', '1', 'b', '2', 'c', 'x');
    server.call('HEXPIRE', 'h', '100', 'FIELDS', '3', 'a', 'b', 'c');
    server.call('HINCRBY', 'h', 'a', '1');
    server.call('HINCRBYFLOAT', 'h', 'b', '0.5');
    server.call('HMSET', 'h', 'c', 'y');
    expect(server.call('HTTL', 'h', 'FIELDS', '3', 'a', 'b', 'c')).toEqual([100, 100, -1]);
    expect(server.call('HMGET', 'h', 'a', 'b', 'c')).toEqual(['2', '2.5', 'y']);
  });

  it('COPY copies the TTLs', () => {
    const server = hashServer('7.4');
    server.call('HSET', 'h', 'a', '1', 'b', '2');
    server.call('HEXPIRE', 'h', '100', 'FIELDS', '1', 'a');
    server.call('COPY', 'h', 'h2');
    server.call('HPERSIST', 'h', 'FIELDS', '1', 'a');
    expect(server.call('HTTL', 'h2', 'FIELDS', '2', 'a', 'b')).toEqual([100, -1]);
    expect(server.call('HTTL', 'h', 'FIELDS', '1', 'a')).toEqual([-1]);
  });
});

describe('listpackex', () => {
  it('a TTL command turns a listpack into listpackex for good, field or not', () => {
    const server = hashServer('7.4');
    server.call('HSET', 'h', 'a', '1');
    server.call('HPERSIST', 'h', 'FIELDS', '1', 'a');
    expect(server.call('OBJECT', 'ENCODING', 'h')).toBe('listpack');
    server.call('HEXPIRE', 'h', '100', 'FIELDS', '1', 'nope');
    expect(server.call('OBJECT', 'ENCODING', 'h')).toBe('listpackex');
    server.call('HSET', 'h', ...fieldArgs(600));
    expect(server.call('OBJECT', 'ENCODING', 'h')).toBe('hashtable');
  });

  it('keeps fields with TTLs first, by TTL (latest first among equals), the rest after', () => {
    const server = hashServer('7.4');
    server.call('HSET', 'h', 'a', '1', 'b', '2', 'c', '3', 'd', '4');
    server.call('HEXPIRE', 'h', '300', 'FIELDS', '1', 'c');
    server.call('HEXPIRE', 'h', '100', 'FIELDS', '1', 'd');
    server.call('HEXPIRE', 'h', '300', 'FIELDS', '1', 'a');
    expect(server.call('HKEYS', 'h')).toEqual(['d', 'a', 'c', 'b']);
    server.call('HPERSIST', 'h', 'FIELDS', '1', 'd');
    expect(server.call('HKEYS', 'h')).toEqual(['a', 'c', 'b', 'd']);
    server.call('HSET', 'h', 'a', 'x');
    expect(server.call('HKEYS', 'h')).toEqual(['c', 'b', 'd', 'a']);
    server.call('HINCRBY', 'h', 'b', '1');
    expect(server.call('HKEYS', 'h')).toEqual(['c', 'b', 'd', 'a']);
  });

  it('MEMORY USAGE counts a TTL entry per field', () => {
    const server = hashServer('7.4');
    server.call('HSET', 'h', 'a', '1', 'b', '2');
    const plain = server.call('MEMORY', 'USAGE', 'h') as number;
    server.call('HEXPIRE', 'h', '100', 'FIELDS', '1', 'a');
    expect(server.call('MEMORY', 'USAGE', 'h') as number).toBeGreaterThan(plain);
  });
});

describe('HSCAN NOVALUES (Redis 7.4)', () => {
  it('returns fields only, with MATCH and COUNT in any order', () => {
    const server = hashServer('7.4');
    server.call('HSET', 'h', 'a', '1', 'b', '2', 'ab', '3');
    expect(server.call('HSCAN', 'h', '0', 'NOVALUES')).toEqual(['0', ['a', 'b', 'ab']]);
    expect(server.call('HSCAN', 'h', '0', 'novalues', 'MATCH', 'a*', 'COUNT', '5')).toEqual(['0', ['a', 'ab']]);
    expect(server.call('HSCAN', 'h', '0', 'NOVALUES', 'NOVALUES')).toEqual(['0', ['a', 'b', 'ab']]);
    expect(server.call('HSCAN', 'h', '0', 'NOVALUE')).toEqual(err('ERR syntax error'));
  });

  it('is a syntax error before 7.4', () => {
    const server = hashServer('7.2');
    server.call('HSET', 'h', 'a', '1');
    expect(server.call('HSCAN', 'h', '0', 'NOVALUES')).toEqual(err('ERR syntax error'));
  });
});
