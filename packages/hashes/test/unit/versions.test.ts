import { ErrorReply } from '@fakeredis/core';
import { describe, expect, it } from 'vitest';
import { fieldArgs, hashServer } from './fixtures.js';

const unknown = (name: string, args: string) => new ErrorReply(`ERR unknown command '${name}', with args beginning with: ${args}`);

describe('version gating', () => {
  it('field expiration exists from Redis 7.4; HGETDEL, HGETEX, HSETEX from 8.0', () => {
    for (const version of ['7.0', '7.2']) {
      const server = hashServer(version);
      for (const name of ['HEXPIRE', 'HPEXPIRE', 'HEXPIREAT', 'HPEXPIREAT', 'HTTL', 'HPTTL', 'HEXPIRETIME', 'HPEXPIRETIME', 'HPERSIST', 'HGETDEL', 'HGETEX', 'HSETEX']) {
        expect(server.call(name, 'h', 'FIELDS', '1', 'a')).toEqual(unknown(name, "'h' 'FIELDS' '1' 'a' "));
      }
    }
    const redis74 = hashServer('7.4');
    expect(redis74.call('HTTL', 'h', 'FIELDS', '1', 'a')).toEqual([-2]);
    for (const name of ['HGETDEL', 'HGETEX', 'HSETEX']) {
      expect(redis74.call(name, 'h', 'FIELDS', '1', 'a')).toEqual(unknown(name, "'h' 'FIELDS' '1' 'a' "));
    }
    expect(hashServer('8.0').call('HGETDEL', 'h', 'FIELDS', '1', 'a')).toEqual([null]);
  });

  it('COMMAND INFO and COMMAND COUNT follow the profile', () => {
    const count = (version: string) => hashServer(version).call('COMMAND', 'COUNT') as number;
    expect(count('7.4') - count('7.2')).toBe(9);
    expect(count('8.0') - count('7.4')).toBe(3);
    const info = hashServer('8.0').call('COMMAND', 'INFO', 'HSETEX') as unknown[][];
    expect(info[0]?.slice(0, 2)).toEqual(['hsetex', -6]);
  });

  it('from 7.2 more pairs than hash-max-listpack-entries convert at once (#12019)', () => {
    for (const [version, encoding] of [['7.0', 'listpack'], ['7.2', 'hashtable']]) {
      const server = hashServer(version);
      server.call('CONFIG', 'SET', 'hash-max-listpack-entries', '2');
      server.call('HSET', 'h', 'a', '1', 'a', '2', 'a', '3');
      expect(server.call('OBJECT', 'ENCODING', 'h')).toBe(encoding);
    }
  });

  it('HRANDFIELD on a small hash: in its order from 7.2 (#12205); in 7.0 only for small counts', () => {
    const order = (version: string, count: string) => {
      const server = hashServer(version, 7);
      server.call('HSET', 'h', ...fieldArgs(12));
      const all = (server.call('HKEYS', 'h') as string[]).join(',');
      let ordered = 0;
      for (let i = 0; i < 40; i++) {
        const picks = server.call('HRANDFIELD', 'h', count) as string[];
        if (all.includes(picks.join(',')) || isSubsequence(picks, all.split(','))) ordered++;
      }
      return ordered;
    };
    expect(order('7.2', '6')).toBe(40);
    expect(order('7.0', '4')).toBe(40);
    expect(order('7.0', '6')).toBeLessThan(40);
  });
});

function isSubsequence(picks: string[], all: string[]): boolean {
  let i = 0;
  for (const item of all) if (item === picks[i]) i++;
  return i === picks.length;
}
