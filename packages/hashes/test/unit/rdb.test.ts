import { coreMixins, FakeServer, serverProfile } from '@fakeredis/core';
import { describe, expect, it } from 'vitest';
import { HashCommands } from '../../src/index.js';

/** 7.4's field TTLs in DUMP payloads (RDB_TYPE_HASH_LISTPACK_EX and RDB_TYPE_HASH_METADATA). */
describe('hash field TTLs in RDB (7.4)', () => {
  const server = (): FakeServer => new FakeServer({ mixins: [...coreMixins, HashCommands], profile: serverProfile('redis', '7.4') });

  it.each([
    ['listpackex', []],
    ['hashtable', ['CONFIG', 'SET', 'hash-max-listpack-entries', '1']],
  ])('a %s with TTLs round-trips, TTLs and order kept', (encoding, config) => {
    const s = server();
    if (config.length > 0) s.command(...(config as string[]));
    s.command('HSET', 'h', 'a', '1', 'b', '2', 'c', '3', 'd', '4');
    const at = s.clock.now() + 100000;
    s.command('HPEXPIREAT', 'h', String(at), 'FIELDS', '2', 'c', 'a');
    s.command('HPEXPIREAT', 'h', String(at + 5), 'FIELDS', '1', 'd');
    expect(s.command('OBJECT', 'ENCODING', 'h')).toBe(encoding);
    const payload = s.call('DUMP', 'h') as string;
    expect(payload.charCodeAt(0)).toBe(encoding === 'listpackex' ? 25 : 24);
    expect(s.command('RESTORE', 'h2', '0', Buffer.from(payload, 'latin1'))).toBe('OK');
    expect(s.command('HGETALL', 'h2')).toEqual(s.command('HGETALL', 'h'));
    expect(s.command('HPEXPIRETIME', 'h2', 'FIELDS', '4', 'a', 'b', 'c', 'd')).toEqual([at, -1, at, at + 5]);
    expect(s.call('DUMP', 'h2')).toBe(payload);
  });

  it('fields already due are dropped on RESTORE', () => {
    const s = server();
    s.command('HSET', 'h', 'a', '1', 'b', '2');
    s.command('HPEXPIRE', 'h', '50', 'FIELDS', '1', 'a');
    const payload = s.call('DUMP', 'h') as string;
    s.fastForward(100);
    expect(s.command('RESTORE', 'h2', '0', Buffer.from(payload, 'latin1'))).toBe('OK');
    expect(s.command('HGETALL', 'h2')).toEqual({ b: '2' });
  });
});
