import { FakeServer, serverProfile, SetReply } from '@fakeredis/core';
import { describe, expect, it } from 'vitest';
import { mixins } from '../conformance/server.js';

// Redis 7.2 stores small sets as listpacks (set-max-listpack-entries 128,
// set-max-listpack-value 64). Written from t_set.c of 7.2: setTypeCreate with a size
// hint, setTypeMaybeConvert, intset -> listpack when a string arrives, SINTERSTORE's
// maybeConvertToIntset, SPOP's rebuilt set. 7.0's behaviour is checked by conformance.
function server(version = '7.2', config: Record<string, string> = {}): FakeServer {
  return new FakeServer({ mixins, profile: serverProfile('redis', version), config, seed: 1 });
}

const ints = (n: number, from = 1) => Array.from({ length: n }, (_, i) => String(from + i));
const words = (n: number) => Array.from({ length: n }, (_, i) => `w${i}`);
const encoding = (s: FakeServer, key: string) => s.call('OBJECT', 'ENCODING', key);
const members = (reply: unknown) => (reply as SetReply).items;

describe('Redis 7.2 listpack sets', () => {
  it('has the listpack parameters (7.0 does not)', () => {
    expect(server().call('CONFIG', 'GET', 'set-max-listpack-*')).toMatchObject({
      entries: expect.arrayContaining([['set-max-listpack-entries', '128'], ['set-max-listpack-value', '64']]),
    });
    const old = server('7.0');
    expect(old.call('CONFIG', 'GET', 'set-max-listpack-entries')).toEqual({ entries: [] });
    old.call('SADD', 'k', 'a');
    expect(encoding(old, 'k')).toBe('hashtable');
  });

  it('small string sets are listpacks in insertion order', () => {
    const s = server();
    s.call('SADD', 'k', 'c', 'a', 'b');
    expect(encoding(s, 'k')).toBe('listpack');
    expect(members(s.call('SMEMBERS', 'k'))).toEqual(['c', 'a', 'b']);
    s.call('SREM', 'k', 'a');
    s.call('SADD', 'k', 'a');
    expect(members(s.call('SMEMBERS', 'k'))).toEqual(['c', 'b', 'a']);
    expect(s.call('SSCAN', 'k', '0', 'COUNT', '1')).toEqual(['0', ['c', 'b', 'a']]);
  });

  it('a listpack becomes a hashtable past 128 entries or 64 bytes, for good', () => {
    const s = server();
    s.call('SADD', 'k', ...words(128));
    expect(encoding(s, 'k')).toBe('listpack');
    s.call('SADD', 'k', 'one-more');
    expect(encoding(s, 'k')).toBe('hashtable');
    s.call('SREM', 'k', 'one-more', 'w0');
    expect(encoding(s, 'k')).toBe('hashtable');
    s.call('SADD', 'long', 'x'.repeat(64));
    expect(encoding(s, 'long')).toBe('listpack');
    s.call('SADD', 'long', 'y'.repeat(65));
    expect(encoding(s, 'long')).toBe('hashtable');
    s.call('SADD', 'longer', 'y'.repeat(65));
    expect(encoding(s, 'longer')).toBe('hashtable');
  });

  it('SADD sizes a new set for its arguments, and converts an existing one for them', () => {
    const s = server();
    s.call('SADD', 'big', ...words(129));
    expect(encoding(s, 'big')).toBe('hashtable');
    s.call('SADD', 'k', 'a');
    expect(s.call('SADD', 'k', ...Array(129).fill('a'))).toBe(0);
    expect(encoding(s, 'k')).toBe('hashtable');
    s.call('SADD', 'i', '1');
    s.call('SADD', 'i', ...Array(513).fill('1'));
    expect(encoding(s, 'i')).toBe('hashtable');
    s.call('SADD', 'j', '1', ...words(200));
    expect(encoding(s, 'j')).toBe('hashtable');
  });

  it('an intset meeting a string becomes a listpack when it fits, integers first in order', () => {
    const s = server();
    s.call('SADD', 'k', '3', '1', '2');
    expect(encoding(s, 'k')).toBe('intset');
    s.call('SADD', 'k', 'x');
    expect(encoding(s, 'k')).toBe('listpack');
    expect(members(s.call('SMEMBERS', 'k'))).toEqual(['1', '2', '3', 'x']);
    s.call('SADD', 'many', ...ints(128));
    s.call('SADD', 'many', 'x');
    expect(encoding(s, 'many')).toBe('hashtable');
    s.call('SADD', 'few', ...ints(127));
    s.call('SADD', 'few', 'x');
    expect(encoding(s, 'few')).toBe('listpack');
    s.call('SADD', 'intset', ...ints(513));
    expect(encoding(s, 'intset')).toBe('hashtable');
  });

  it('an intset whose integers are longer than set-max-listpack-value goes to a hashtable', () => {
    const s = server('7.2', { 'set-max-listpack-value': '5' });
    s.call('SADD', 'k', '123456');
    s.call('SADD', 'k', 'x');
    expect(encoding(s, 'k')).toBe('hashtable');
    s.call('SADD', 'j', '-1234');
    s.call('SADD', 'j', 'x');
    expect(encoding(s, 'j')).toBe('listpack');
  });

  it('CONFIG SET of the listpack thresholds applies to later writes', () => {
    const s = server();
    expect(s.call('CONFIG', 'SET', 'set-max-listpack-entries', '2')).toEqual(expect.objectContaining({ value: 'OK' }));
    s.call('SADD', 'k', 'a', 'b');
    expect(encoding(s, 'k')).toBe('listpack');
    s.call('SADD', 'k', 'c');
    expect(encoding(s, 'k')).toBe('hashtable');
  });

  it('SMOVE creates the destination for one member', () => {
    const s = server();
    s.call('SADD', 'src', 'a', '1');
    s.call('SMOVE', 'src', 'd1', 'a');
    s.call('SMOVE', 'src', 'd2', '1');
    expect([encoding(s, 'd1'), encoding(s, 'd2')]).toEqual(['listpack', 'intset']);
  });

  it('SINTERSTORE turns an all-integer result into an intset', () => {
    const s = server('7.2', { 'set-max-intset-entries': '4' });
    // A new set sized beyond the intset limit but within a listpack's is a listpack.
    s.call('SADD', 'l', ...ints(10));
    expect(encoding(s, 'l')).toBe('listpack');
    s.call('SADD', 'h', ...ints(200));
    expect(encoding(s, 'h')).toBe('hashtable');
    s.call('SADD', 'h2', ...ints(200));
    s.call('SINTERSTORE', 'all', 'h', 'h2');
    expect(encoding(s, 'all')).toBe('hashtable');
    s.call('SINTERSTORE', 'some', 'h', 'l');
    expect(encoding(s, 'some')).toBe('listpack');
    s.call('SREM', 'h2', ...ints(197));
    s.call('SINTERSTORE', 'd', 'h', 'h2');
    expect(encoding(s, 'd')).toBe('intset');
    expect(members(s.call('SMEMBERS', 'd'))).toEqual(['198', '199', '200']);
    s.call('SADD', 'w', ...words(3));
    s.call('SINTERSTORE', 'e', 'w', 'w');
    expect(encoding(s, 'e')).toBe('listpack');
  });

  it('SUNIONSTORE and SDIFFSTORE results start as intsets', () => {
    const s = server();
    s.call('SADD', 'a', 'x', 'y');
    s.call('SADD', 'b', '1', '2');
    s.call('SUNIONSTORE', 'u', 'b', 'a');
    expect(encoding(s, 'u')).toBe('listpack');
    expect(members(s.call('SMEMBERS', 'u'))).toEqual(['1', '2', 'x', 'y']);
    s.call('SDIFFSTORE', 'd', 'b', 'a');
    expect(encoding(s, 'd')).toBe('intset');
  });

  it("SPOP's rebuilt set: a listpack from a hashtable, an intset from an intset", () => {
    const s = server();
    s.call('SADD', 'h', ...ints(600));
    expect(encoding(s, 'h')).toBe('hashtable');
    expect(members(s.call('SPOP', 'h', '550'))).toHaveLength(550);
    expect(encoding(s, 'h')).toBe('listpack');
    s.call('SADD', 'i', ...ints(100));
    s.call('SPOP', 'i', '90');
    expect(encoding(s, 'i')).toBe('intset');
    s.call('SADD', 'l', ...words(100));
    const popped = members(s.call('SPOP', 'l', '90'));
    expect(new Set(popped).size).toBe(90);
    expect(encoding(s, 'l')).toBe('listpack');
    expect(s.call('SCARD', 'l')).toBe(10);
  });

  it('listpack samples keep listpack order and are distinct', () => {
    const s = server();
    s.call('SADD', 'k', ...words(50));
    const order = words(50);
    const sample = s.call('SRANDMEMBER', 'k', '20') as string[];
    expect(new Set(sample).size).toBe(20);
    expect(sample.map((m) => order.indexOf(m))).toEqual([...sample.map((m) => order.indexOf(m))].sort((x, y) => x - y));
    const popped = members(s.call('SPOP', 'k', '5'));
    expect(popped.map((m) => order.indexOf(m as string))).toEqual([...popped.map((m) => order.indexOf(m as string))].sort((x, y) => x - y));
    expect(s.call('SCARD', 'k')).toBe(45);
  });
});
