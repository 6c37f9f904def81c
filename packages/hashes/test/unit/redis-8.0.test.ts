import { ErrorReply, MapReply } from '@fakeredis/core';
import { describe, expect, it } from 'vitest';
import { eventsOf, hashServer, T0 } from './fixtures.js';

const err = (message: string) => new ErrorReply(message);

// HGETDEL, HGETEX and HSETEX as Redis 8.0 implements them (t_hash.c and the command
// documentation); unit tests, since the reference server is 7.0.
describe('HGETDEL', () => {
  it('returns and deletes; null for absent fields; the emptied key goes', () => {
    const server = hashServer('8.0');
    server.call('HSET', 'h', 'field1', 'Hello', 'field2', 'World', 'field3', '!');
    expect(server.call('HGETDEL', 'h', 'FIELDS', '2', 'field3', 'field4')).toEqual(['!', null]);
    expect(server.call('HGETALL', 'h')).toEqual(new MapReply([['field1', 'Hello'], ['field2', 'World']]));
    expect(eventsOf(server, ['HGETDEL', 'h', 'FIELDS', '3', 'field1', 'field2', 'field1'])).toEqual(['h hdel h', 'g del h']);
    expect(server.call('EXISTS', 'h')).toBe(0);
    expect(server.call('HGETDEL', 'h', 'FIELDS', '1', 'a')).toEqual([null]);
    expect(eventsOf(server, ['HGETDEL', 'h', 'FIELDS', '1', 'a'])).toEqual([]);
  });

  it('expired fields read as absent and are reported with hexpired', () => {
    const server = hashServer('8.0');
    server.call('DEBUG', 'SET-ACTIVE-EXPIRE', '0');
    server.call('HSET', 'h', 'a', '1', 'b', '2');
    server.call('HPEXPIRE', 'h', '10', 'FIELDS', '1', 'a');
    server.clock.advance(11);
    expect(eventsOf(server, ['HGETDEL', 'h', 'FIELDS', '1', 'a'])).toEqual(['h hexpired h']);
    expect(server.call('HLEN', 'h')).toBe(1);
  });

  it('errors', () => {
    const server = hashServer('8.0');
    server.call('SET', 's', 'x');
    expect(server.call('HGETDEL', 's', 'FIELDS', '1', 'a')).toEqual(err('WRONGTYPE Operation against a key holding the wrong kind of value'));
    expect(server.call('HGETDEL', 'h', 'FIELD', '1', 'a')).toEqual(err('ERR Mandatory argument FIELDS is missing or not at the right position'));
    expect(server.call('HGETDEL', 'h', 'FIELDS', 'abc', 'a')).toEqual(err('ERR Number of fields must be a positive integer'));
    expect(server.call('HGETDEL', 'h', 'FIELDS', '0', 'a')).toEqual(err('ERR Number of fields must be a positive integer'));
    expect(server.call('HGETDEL', 'h', 'FIELDS', '2', 'a')).toEqual(err('ERR The `numfields` parameter must match the number of arguments'));
    expect(server.call('HGETDEL', 'h', 'FIELDS', '1')).toEqual(err("ERR wrong number of arguments for 'hgetdel' command"));
  });
});

describe('HGETEX', () => {
  it('without an option it reads like HMGET', () => {
    const server = hashServer('8.0');
    server.call('HSET', 'h', 'a', '1');
    expect(server.call('HGETEX', 'h', 'FIELDS', '2', 'a', 'b')).toEqual(['1', null]);
    expect(server.call('HGETEX', 'nope', 'FIELDS', '2', 'a', 'b')).toEqual([null, null]);
    expect(server.call('OBJECT', 'ENCODING', 'h')).toBe('listpack');
    expect(eventsOf(server, ['HGETEX', 'h', 'FIELDS', '1', 'a'])).toEqual([]);
  });

  it('EX, PX, EXAT, PXAT set the TTL of the fields found; PERSIST removes it', () => {
    const server = hashServer('8.0');
    server.call('HSET', 'h', 'a', '1', 'b', '2', 'c', '3', 'd', '4');
    expect(eventsOf(server, ['HGETEX', 'h', 'EX', '100', 'FIELDS', '2', 'a', 'zz'])).toEqual(['h hexpire h']);
    server.call('HGETEX', 'h', 'PX', '5000', 'FIELDS', '1', 'b');
    server.call('HGETEX', 'h', 'EXAT', String(T0 / 1000 + 7), 'FIELDS', '1', 'c');
    server.call('HGETEX', 'h', 'pxat', String(T0 + 9000), 'FIELDS', '1', 'd');
    expect(server.call('HPTTL', 'h', 'FIELDS', '4', 'a', 'b', 'c', 'd')).toEqual([100_000, 5000, 7000, 9000]);
    expect(eventsOf(server, ['HGETEX', 'h', 'PERSIST', 'FIELDS', '2', 'a', 'zz'])).toEqual(['h hpersist h']);
    expect(eventsOf(server, ['HGETEX', 'h', 'PERSIST', 'FIELDS', '1', 'a'])).toEqual([]);
    expect(server.call('HTTL', 'h', 'FIELDS', '1', 'a')).toEqual([-1]);
    expect(server.call('OBJECT', 'ENCODING', 'h')).toBe('listpackex');
  });

  it('a time not in the future deletes the fields (hdel, then del)', () => {
    const server = hashServer('8.0');
    server.call('HSET', 'h', 'a', '1', 'b', '2');
    expect(server.call('HGETEX', 'h', 'PXAT', '1', 'FIELDS', '1', 'a')).toEqual(['1']);
    expect(eventsOf(server, ['HGETEX', 'h', 'EX', '0', 'FIELDS', '1', 'b'])).toEqual(['h hdel h', 'g del h']);
    expect(server.call('EXISTS', 'h')).toBe(0);
  });

  it('errors', () => {
    const server = hashServer('8.0');
    server.call('HSET', 'h', 'a', '1');
    expect(server.call('HGETEX', 'h', 'EX', 'x', 'FIELDS', '1', 'a')).toEqual(err('ERR value is not an integer or out of range'));
    expect(server.call('HGETEX', 'h', 'EX', '-1', 'FIELDS', '1', 'a')).toEqual(err('ERR invalid expire time, must be >= 0'));
    expect(server.call('HGETEX', 'h', 'EX', '70368744178', 'FIELDS', '1', 'a')).toEqual(err("ERR invalid expire time in 'hgetex' command"));
    expect(server.call('HGETEX', 'h', 'EX', '10', 'FIELD', '1', 'a')).toEqual(err('ERR Mandatory argument FIELDS is missing or not at the right position'));
    expect(server.call('HGETEX', 'h', 'KEEPTTL', 'FIELDS', '1', 'a')).toEqual(err('ERR Mandatory argument FIELDS is missing or not at the right position'));
    expect(server.call('HGETEX', 'h', 'FIELDS', '0', 'a')).toEqual(err('ERR Number of fields must be a positive integer'));
    expect(server.call('HGETEX', 'h', 'PERSIST', 'FIELDS', '2', 'a')).toEqual(err('ERR The `numfields` parameter must match the number of arguments'));
  });
});

describe('HSETEX', () => {
  it('sets the fields and replies 1; EX sets their TTL, a plain set drops it', () => {
    const server = hashServer('8.0');
    expect(eventsOf(server, ['HSETEX', 'h', 'EX', '100', 'FIELDS', '2', 'a', '1', 'b', '2'])).toEqual(['n new h', 'h hset h', 'h hexpire h']);
    expect(server.call('HTTL', 'h', 'FIELDS', '2', 'a', 'b')).toEqual([100, 100]);
    expect(server.call('HSETEX', 'h', 'FIELDS', '1', 'a', 'x')).toBe(1);
    expect(server.call('HSETEX', 'h', 'KEEPTTL', 'FIELDS', '1', 'b', 'y')).toBe(1);
    expect(server.call('HTTL', 'h', 'FIELDS', '2', 'a', 'b')).toEqual([-1, 100]);
    expect(server.call('HMGET', 'h', 'a', 'b')).toEqual(['x', 'y']);
  });

  it('FNX: only when none of the fields exist; FXX: only when all do', () => {
    const server = hashServer('8.0');
    expect(server.call('HSETEX', 'h', 'FXX', 'FIELDS', '1', 'a', '1')).toBe(0);
    expect(server.call('EXISTS', 'h')).toBe(0);
    expect(server.call('HSETEX', 'h', 'FNX', 'FIELDS', '1', 'a', '1')).toBe(1);
    expect(server.call('HSETEX', 'h', 'FNX', 'FIELDS', '2', 'b', '2', 'a', '9')).toBe(0);
    expect(server.call('HSETEX', 'h', 'FXX', 'FIELDS', '2', 'a', '3', 'b', '4')).toBe(0);
    expect(server.call('HSETEX', 'h', 'FXX', 'PX', '500', 'FIELDS', '1', 'a', '5')).toBe(1);
    expect(server.call('HGETALL', 'h')).toEqual(new MapReply([['a', '5']]));
    expect(server.call('HPTTL', 'h', 'FIELDS', '1', 'a')).toEqual([500]);
  });

  it('a past time sets then deletes the fields', () => {
    const server = hashServer('8.0');
    expect(eventsOf(server, ['HSETEX', 'h', 'PXAT', '1', 'FIELDS', '1', 'a', '1'])).toEqual(['n new h', 'h hset h', 'h hdel h', 'g del h']);
    expect(server.call('EXISTS', 'h')).toBe(0);
  });

  it('converts by the same limits as HSET', () => {
    const server = hashServer('8.0');
    server.call('HSETEX', 'h', 'FIELDS', '1', 'a', 'v'.repeat(65));
    expect(server.call('OBJECT', 'ENCODING', 'h')).toBe('hashtable');
    server.call('HSETEX', 'k', 'EX', '10', 'FIELDS', '1', 'a', '1');
    expect(server.call('OBJECT', 'ENCODING', 'k')).toBe('listpackex');
  });

  it('errors', () => {
    const server = hashServer('8.0');
    server.call('SET', 's', 'x');
    expect(server.call('HSETEX', 's', 'FIELDS', '1', 'a', '1')).toEqual(err('WRONGTYPE Operation against a key holding the wrong kind of value'));
    expect(server.call('HSETEX', 'h', 'FIELDS', '2', 'a', '1')).toEqual(err("ERR wrong number of arguments for 'hsetex' command"));
    expect(server.call('HSETEX', 'h', 'FIELDS', '1', 'a', '1', 'b')).toEqual(err("ERR wrong number of arguments for 'hsetex' command"));
    expect(server.call('HSETEX', 'h', 'FIELDS', '0', 'a', '1')).toEqual(err('ERR invalid number of fields'));
    expect(server.call('HSETEX', 'h', 'FIELDS', 'x', 'a', '1')).toEqual(err('ERR invalid number of fields'));
    expect(server.call('HSETEX', 'h', 'EX', '10', 'PX', '10', 'FIELDS', '1', 'a', '1')).toEqual(err('ERR Only one of EX, PX, EXAT, PXAT or KEEPTTL arguments can be specified'));
    expect(server.call('HSETEX', 'h', 'KEEPTTL', 'EX', '10', 'FIELDS', '1', 'a', '1')).toEqual(err('ERR Only one of EX, PX, EXAT, PXAT or KEEPTTL arguments can be specified'));
    expect(server.call('HSETEX', 'h', 'FNX', 'FXX', 'FIELDS', '1', 'a', '1')).toEqual(err('ERR Only one of FXX or FNX arguments can be specified'));
    expect(server.call('HSETEX', 'h', 'EX', '-5', 'FIELDS', '1', 'a', '1')).toEqual(err('ERR invalid expire time, must be >= 0'));
    expect(server.call('HSETEX', 'h', 'NX', 'FIELDS', '1', 'a', '1')).toEqual(err('ERR unknown argument: NX'));
    expect(server.call('HSETEX', 'h', 'FNX', 'FNX', 'EX', '10', 'FIELDS')).toEqual(err('ERR Only one of FXX or FNX arguments can be specified'));
    expect(server.call('HSETEX', 'h', 'FNX', 'KEEPTTL', 'FIELDS', '1', 'a')).toEqual(err("ERR wrong number of arguments for 'hsetex' command"));
    expect(server.call('HSETEX', 'h', 'FNX', 'KEEPTTL', 'EX', '10')).toEqual(err('ERR Only one of EX, PX, EXAT, PXAT or KEEPTTL arguments can be specified'));
    expect(server.call('HSETEX', 'h', 'FNX', 'EX', '10', 'PX')).toEqual(err('ERR Only one of EX, PX, EXAT, PXAT or KEEPTTL arguments can be specified'));
    expect(server.call('HSETEX', 'h', 'FNX', 'FXX', 'EX', '10')).toEqual(err('ERR Only one of FXX or FNX arguments can be specified'));
    expect(server.call('HSETEX', 'h', 'FNX', 'KEEPTTL', 'EX', '10', 'x')).toEqual(err('ERR Only one of EX, PX, EXAT, PXAT or KEEPTTL arguments can be specified'));
    expect(server.call('HSETEX', 'h', 'FNX', 'x', 'EX', '10')).toEqual(err('ERR unknown argument: x'));
    expect(server.call('HSETEX', 'h', 'FNX', 'KEEPTTL', 'KEEP', 'EX')).toEqual(err('ERR unknown argument: KEEP'));
    expect(server.call('HSETEX', 'h', 'FNX', 'KEEPTTL', 'FXX', 'PX')).toEqual(err('ERR Only one of FXX or FNX arguments can be specified'));
    expect(server.call('HSETEX', 'h', 'FXX', 'PX', '1', 'PX')).toEqual(err('ERR Only one of EX, PX, EXAT, PXAT or KEEPTTL arguments can be specified'));
    expect(server.call('HSETEX', 'h', 'FXX', 'FNX', 'PX', '1')).toEqual(err('ERR Only one of FXX or FNX arguments can be specified'));
    expect(server.call('HSETEX', 'h', 'FXX', 'PXAT', 'x', '1')).toEqual(err('ERR value is not an integer or out of range'));
    expect(server.call('HSETEX', 'h', 'FXX', 'KEEPTTL', 'FNX', 'PX')).toEqual(err('ERR Only one of FXX or FNX arguments can be specified'));
    expect(server.call('HSETEX', 'h', 'EX', '1', 'FXX', 'PX')).toEqual(err('ERR Only one of EX, PX, EXAT, PXAT or KEEPTTL arguments can be specified'));
    expect(server.call('HSETEX', 'h', 'FXX', 'EX', '1', 'EXAT')).toEqual(err('ERR Only one of EX, PX, EXAT, PXAT or KEEPTTL arguments can be specified'));
    expect(server.call('HSETEX', 'h', 'FXX', 'KEEPTTL', 'FIELDS', 'EXAT')).toEqual(err("ERR wrong number of arguments for 'hsetex' command"));
    expect(server.call('HSETEX', 'h', 'FXX', 'KEEPTTL', 'PXAT', '1')).toEqual(err('ERR Only one of EX, PX, EXAT, PXAT or KEEPTTL arguments can be specified'));
    expect(server.call('HSETEX', 'h', 'FXX', 'FXX', 'PXAT', '1')).toEqual(err('ERR Only one of FXX or FNX arguments can be specified'));
    expect(server.call('HSETEX', 'h', 'FXX', 'PX', '1', 'KEEPTTL')).toEqual(err('ERR Only one of EX, PX, EXAT, PXAT or KEEPTTL arguments can be specified'));
    // An expiry argument missing at the end.
    expect(server.call('HSETEX', 'h', 'FXX', 'KEEPTTL', 'FNX', 'EX')).toEqual(err('ERR Only one of FXX or FNX arguments can be specified'));
    expect(server.call('HSETEX', 'h', 'FXX', 'x', 'y', 'EX')).toEqual(err('ERR unknown argument: x'));
    expect(server.call('HSETEX', 'h', 'FNX', 'FIELDS', '1', 'PX')).toEqual(err("ERR wrong number of arguments for 'hsetex' command"));
    expect(server.call('HSETEX', 'h', 'FNX', 'FIELDS', 'KEEPTTL', 'EX')).toEqual(err("ERR wrong number of arguments for 'hsetex' command"));
    expect(server.call('HSETEX', 'h', 'FXX', 'FNX', 'FIELDS', 'EX')).toEqual(err('ERR Only one of FXX or FNX arguments can be specified'));
    expect(server.call('HSETEX', 'h', 'FXX', 'EX', '1', 'EX')).toEqual(err('ERR Only one of EX, PX, EXAT, PXAT or KEEPTTL arguments can be specified'));
    expect(server.call('HSETEX', 'h', 'FXX', 'KEEPTTL', 'FXX', 'FIELDS')).toEqual(err('ERR Only one of FXX or FNX arguments can be specified'));
    expect(server.call('HSETEX', 'h', 'FXX', 'KEEPTTL', 'PX', '')).toEqual(err('ERR Only one of EX, PX, EXAT, PXAT or KEEPTTL arguments can be specified'));
    expect(server.call('HSETEX', 'h', 'FXX', 'FIELDS', '1', 'a', '1', 'x')).toEqual(err("ERR wrong number of arguments for 'hsetex' command"));
    expect(server.call('HSETEX', 'h', 'FXX', 'EX', '1', 'FIELDS')).toEqual(err("ERR wrong number of arguments for 'hsetex' command"));
    expect(server.call('EXISTS', 'h')).toBe(0);
  });
});
