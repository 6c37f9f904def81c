import type { Bytes } from '@fakeredis/core';
import { FakeServer } from '@fakeredis/core';
import { describe, expect, it } from 'vitest';
import { MemberTable } from '../../src/member-table.js';
import { mixins } from '../conformance/server.js';

const b = (s: string) => s as Bytes;

describe('MemberTable', () => {
  it('adds, deletes and keeps insertion order through compaction', () => {
    const table = new MemberTable();
    for (let i = 0; i < 1000; i++) expect(table.add(b(`m${i}`))).toBe(true);
    expect(table.add(b('m5'))).toBe(false);
    for (let i = 0; i < 1000; i += 3) expect(table.delete(b(`m${i}`))).toBe(true);
    expect(table.delete(b('m0'))).toBe(false);
    for (let i = 1; i < 1000; i += 3) table.delete(b(`m${i}`));
    const left = [...table];
    expect(left).toEqual(Array.from({ length: 333 }, (_, k) => `m${3 * k + 2}`));
    expect(table.size).toBe(333);
    for (const m of left) expect(table.has(m)).toBe(true);
    expect(table.has(b('m1'))).toBe(false);
  });

  it('random picks only live members', () => {
    const table = new MemberTable();
    for (let i = 0; i < 200; i++) table.add(b(`m${i}`));
    for (let i = 0; i < 190; i++) table.delete(b(`m${i}`));
    let x = 12345;
    const random = (n: number) => {
      x = (x * 1103515245 + 12345) % 2 ** 31;
      return x % n;
    };
    for (let i = 0; i < 500; i++) expect(Number(table.random(random).slice(1))).toBeGreaterThanOrEqual(190);
  });

  it('a cursor survives adds, deletes and compaction: members present throughout are seen once', () => {
    const table = new MemberTable();
    for (let i = 0; i < 500; i++) table.add(b(`keep${i}`));
    for (let i = 0; i < 500; i++) table.add(b(`gone${i}`));
    const seen = new Map<string, number>();
    let cursor = 0;
    let step = 0;
    do {
      cursor = table.scan(cursor, 7, (m) => seen.set(m, (seen.get(m) ?? 0) + 1));
      // Meanwhile: delete the transient members (forcing compactions) and add new ones.
      for (let k = 0; k < 10; k++) table.delete(b(`gone${step * 10 + k}`));
      table.add(b(`new${step}`));
      step++;
    } while (cursor !== 0);
    for (let i = 0; i < 500; i++) expect(seen.get(`keep${i}`)).toBe(1);
    for (const count of seen.values()) expect(count).toBe(1);
  });

  it('an emptied table restarts cleanly', () => {
    const table = new MemberTable();
    table.add(b('a'));
    table.delete(b('a'));
    expect(table.size).toBe(0);
    expect([...table]).toEqual([]);
    expect(table.scan(0, 10, () => {})).toBe(0);
    table.add(b('b'));
    expect([...table]).toEqual(['b']);
  });
});

describe('SSCAN over a hashtable', () => {
  function scanAll(server: FakeServer, key: string, count: number, between?: (step: number) => void): string[] {
    const seen: string[] = [];
    let cursor = '0';
    let step = 0;
    do {
      const [next, batch] = server.call('SSCAN', key, cursor, 'COUNT', String(count)) as [string, string[]];
      expect(batch.length).toBeLessThanOrEqual(count);
      seen.push(...batch);
      cursor = next;
      between?.(step++);
    } while (cursor !== '0');
    return seen;
  }

  it('a full scan returns every member once and ends at cursor 0', () => {
    const server = new FakeServer({ mixins });
    const members = Array.from({ length: 1000 }, (_, i) => `m${i}`);
    server.call('SADD', 'k', ...members);
    for (const count of [1, 10, 333, 5000]) expect(scanAll(server, 'k', count).sort()).toEqual([...members].sort());
  });

  it('members present for the whole scan are returned despite writes', () => {
    const server = new FakeServer({ mixins });
    const stable = Array.from({ length: 300 }, (_, i) => `s${i}`);
    server.call('SADD', 'k', ...stable, ...Array.from({ length: 300 }, (_, i) => `t${i}`));
    const seen = new Set(
      scanAll(server, 'k', 5, (step) => {
        server.call('SREM', 'k', `t${2 * step}`, `t${2 * step + 1}`);
        server.call('SADD', 'k', `n${step}`);
      }),
    );
    for (const m of stable) expect(seen.has(m)).toBe(true);
  });

  it('MATCH filters after COUNT members are visited, as Redis does', () => {
    const server = new FakeServer({ mixins });
    server.call('SADD', 'k', ...Array.from({ length: 100 }, (_, i) => `m${i}`));
    const [, batch] = server.call('SSCAN', 'k', '0', 'COUNT', '10', 'MATCH', 'm1*') as [string, string[]];
    expect(batch.every((m) => m.startsWith('m1'))).toBe(true);
    expect(batch.length).toBeLessThan(10);
  });
});
