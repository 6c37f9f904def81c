import { ErrorReply, PairsReply } from '@fakeredis/core';
import { describe, expect, it, vi } from 'vitest';
import { HashValue } from '../../src/index.js';
import { fieldArgs, hashServer } from './fixtures.js';

// HRANDFIELD's rules (t_hash.c hrandfieldWithCountCommand); the picks come from the
// server's seeded generator, so the conformance suite compares them by shape only.
describe('HRANDFIELD', () => {
  it('a positive count gives distinct fields, at most the whole hash', () => {
    for (const encoding of ['small', 'table']) {
      const server = hashServer('7.0', 3);
      server.call('HSET', 'h', ...fieldArgs(encoding === 'small' ? 20 : 1000));
      for (const count of [1, 2, 6, 7, 15, 19]) {
        const picks = server.call('HRANDFIELD', 'h', String(count)) as string[];
        expect(picks).toHaveLength(count);
        expect(new Set(picks).size).toBe(count);
        for (const pick of picks) expect(pick).toMatch(/^f\d+$/);
      }
    }
  });

  it('a negative count gives that many independent picks, repeats allowed', () => {
    const server = hashServer('7.0', 5);
    server.call('HSET', 'h', 'a', '1', 'b', '2', 'c', '3');
    const picks = server.call('HRANDFIELD', 'h', '-3000') as string[];
    expect(picks).toHaveLength(3000);
    const counts = new Map<string, number>();
    for (const pick of picks) counts.set(pick, (counts.get(pick) ?? 0) + 1);
    expect([...counts.keys()].sort()).toEqual(['a', 'b', 'c']);
    for (const n of counts.values()) expect(n).toBeGreaterThan(850);
  });

  it('WITHVALUES pairs each field with its value (RESP3 pairs, RESP2 flat)', () => {
    const server = hashServer('7.0', 9);
    server.call('HSET', 'h', ...fieldArgs(700));
    for (const count of ['3', '-4', '400', '900']) {
      const reply = server.call('HRANDFIELD', 'h', count, 'WITHVALUES');
      expect(reply).toBeInstanceOf(PairsReply);
      for (const [field, value] of (reply as PairsReply).pairs) expect(value).toBe(`v${String(field).slice(1)}`);
    }
  });

  it('the same seed gives the same picks', () => {
    const picks = () => {
      const server = hashServer('7.0', 42);
      server.call('HSET', 'h', ...fieldArgs(1000));
      return [server.call('HRANDFIELD', 'h'), server.call('HRANDFIELD', 'h', '5'), server.call('HRANDFIELD', 'h', '-5')];
    };
    expect(picks()).toEqual(picks());
    const server = hashServer('7.0', 1);
    server.call('HSET', 'h', ...fieldArgs(1000));
    server.seed(42);
    const first = server.call('HRANDFIELD', 'h', '8');
    server.seed(42);
    expect(server.call('HRANDFIELD', 'h', '8')).toEqual(first);
  });

  it('small counts on a big hash do not copy it', () => {
    const server = hashServer('7.0');
    for (let i = 0; i < 200_000; i += 1000) server.call('HSET', 'h', ...fieldArgs(1000).map((a) => `${a}-${i}`));
    expect(server.call('HLEN', 'h')).toBe(200_000);
    const fieldList = vi.spyOn(HashValue.prototype, 'fieldList');
    try {
      expect(server.call('HRANDFIELD', 'h', '10')).toHaveLength(10);
      expect(server.call('HRANDFIELD', 'h', '-10', 'WITHVALUES')).toBeInstanceOf(PairsReply);
      expect(typeof server.call('HRANDFIELD', 'h')).toBe('string');
      expect(fieldList).not.toHaveBeenCalled();
    } finally {
      fieldList.mockRestore();
    }
  });

  it('refuses replies too large to build (Redis would try and run out of memory)', () => {
    const server = hashServer('7.0');
    server.call('HSET', 'h', 'a', '1');
    expect(server.call('HRANDFIELD', 'h', '-100000000')).toEqual(new ErrorReply('ERR HRANDFIELD count is limited to 16777216 in fakeredis'));
    expect(server.call('HRANDFIELD', 'h', '100000000')).toEqual(['a']);
  });
});
