import { DoubleReply, FakeServer, NULL_ARRAY, serverProfile } from '@fakeredis/core';
import { describe, expect, it } from 'vitest';
import { mixins } from '../conformance/server.js';

// Redis 7.2 differences, written from its documentation and t_zset.c: ZRANK / ZREVRANK
// WITHSCORE, zsetTypeCreate / zsetTypeMaybeConvert sizing a ZADD by its element count,
// doubles printed shortest-round-trip. 7.0's behaviour is checked by conformance.
function server(version = '7.2'): FakeServer {
  return new FakeServer({ mixins, profile: serverProfile('redis', version), seed: 1 });
}

const pairs = (n: number) => Array.from({ length: n }, (_, i) => [String(i), `m${i}`]).flat();

describe('Redis 7.2 sorted sets', () => {
  it('ZRANK and ZREVRANK take WITHSCORE', () => {
    const s = server();
    s.call('ZADD', 'z', '1', 'a', '2.5', 'b');
    expect(s.call('ZRANK', 'z', 'b', 'WITHSCORE')).toEqual([1, new DoubleReply(2.5)]);
    expect(s.call('ZREVRANK', 'z', 'b', 'withscore')).toEqual([0, new DoubleReply(2.5)]);
    expect(s.call('ZRANK', 'z', 'x', 'WITHSCORE')).toBe(NULL_ARRAY);
    expect(s.call('ZRANK', 'missing', 'x', 'WITHSCORE')).toBe(NULL_ARRAY);
    expect(s.call('ZRANK', 'missing', 'x')).toBeNull();
    expect(s.call('ZRANK', 'z', 'a', 'WITHSCORES')).toMatchObject({ message: 'ERR syntax error' });
    expect(s.call('ZRANK', 'z', 'a', 'WITHSCORE', 'x')).toMatchObject({ message: "ERR wrong number of arguments for 'zrank' command" });
  });

  it('7.0 has no WITHSCORE (its arity refuses it)', () => {
    const s = server('7.0');
    s.call('ZADD', 'z', '1', 'a');
    expect(s.call('ZRANK', 'z', 'a', 'WITHSCORE')).toMatchObject({ message: "ERR wrong number of arguments for 'zrank' command" });
  });

  it('a ZADD bringing more elements than a listpack holds makes a skiplist', () => {
    const dup = Array.from({ length: 130 }, () => ['1', 'a']).flat();
    const s = server();
    s.call('ZADD', 'new', ...dup);
    expect(s.call('OBJECT', 'ENCODING', 'new')).toBe('skiplist');
    s.call('ZADD', 'old', '1', 'a');
    s.call('ZADD', 'old', ...dup);
    expect(s.call('OBJECT', 'ENCODING', 'old')).toBe('skiplist');
    s.call('ZADD', 'small', ...pairs(128));
    expect(s.call('OBJECT', 'ENCODING', 'small')).toBe('listpack');
    const old = server('7.0');
    old.call('ZADD', 'new', ...dup);
    expect(old.call('OBJECT', 'ENCODING', 'new')).toBe('listpack');
  });

  it('ZSCAN prints listpack doubles the 7.2 way', () => {
    const s = server();
    s.call('ZADD', 'z', '0.1', 'a', '3', 'b', '1e20', 'c');
    expect(s.call('ZSCAN', 'z', '0')).toEqual(['0', ['a', '0.1', 'b', '3', 'c', '1e+20']]);
  });
});

describe('Redis 8.0 sorted sets', () => {
  it('ZSCAN takes NOSCORES from 8.0; before, the word is a syntax error', () => {
    const s = server('8.0');
    s.call('ZADD', 'small', '1', 'a', '2', 'b');
    expect(s.call('ZSCAN', 'small', '0', 'NOSCORES')).toEqual(['0', ['a', 'b']]);
    s.call('CONFIG', 'SET', 'zset-max-listpack-entries', '0');
    s.call('ZADD', 'big', '1', 'a', '2', 'b', '3', 'c');
    expect(s.call('ZSCAN', 'big', '0', 'MATCH', '[ab]', 'noscores')).toEqual(['0', ['a', 'b']]);
    expect(s.call('ZSCAN', 'big', '0')).toEqual(['0', ['a', '1', 'b', '2', 'c', '3']]);
    const old = server('7.2');
    old.call('ZADD', 'z', '1', 'a');
    expect(old.call('ZSCAN', 'z', '0', 'NOSCORES')).toMatchObject({ message: 'ERR syntax error' });
  });
});
