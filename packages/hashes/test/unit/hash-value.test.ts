import type { Bytes } from '@fakeredis/core';
import { describe, expect, it } from 'vitest';
import { HashValue } from '../../src/index.js';

const b = (s: string) => s as Bytes;

describe('HashValue', () => {
  it('set reports creation; an update keeps the field in place', () => {
    const hash = new HashValue();
    expect(hash.set(b('a'), b('1'))).toBe(true);
    expect(hash.set(b('b'), b('2'))).toBe(true);
    expect(hash.set(b('a'), b('3'))).toBe(false);
    expect(hash.fieldList()).toEqual(['a', 'b']);
    expect(hash.get(b('a'))?.value).toBe('3');
    expect(hash.delete(b('a'))).toBe(true);
    expect(hash.delete(b('a'))).toBe(false);
    expect(hash.size).toBe(1);
  });

  it('tracks the earliest TTL through changes, deletes and persists', () => {
    const hash = new HashValue('listpackex');
    for (const f of ['a', 'b', 'c']) hash.set(b(f), b('v'));
    hash.setExpiry(b('a'), 300);
    hash.setExpiry(b('b'), 100);
    hash.setExpiry(b('c'), 200);
    expect(hash.nextExpiry()).toBe(100);
    hash.setExpiry(b('b'), 400);
    expect(hash.nextExpiry()).toBe(200);
    hash.delete(b('c'));
    expect(hash.nextExpiry()).toBe(300);
    hash.persist(b('a'));
    expect(hash.nextExpiry()).toBe(400);
    expect(hash.volatileSize).toBe(1);
    expect(hash.takeExpired(401)).toEqual(['b']);
    expect(hash.nextExpiry()).toBeUndefined();
    expect(hash.fieldList()).toEqual(['a']);
  });

  it('a long history of TTL changes keeps the heap small', () => {
    const hash = new HashValue('hashtable');
    hash.set(b('a'), b('v'));
    for (let i = 1; i <= 10_000; i++) hash.setExpiry(b('a'), i);
    expect(hash.nextExpiry()).toBe(10_000);
    expect(hash.takeExpired(10_001)).toEqual(['a']);
  });

  it('clone is deep: values, TTLs and encoding', () => {
    const hash = new HashValue('listpackex');
    hash.set(b('a'), b('1'));
    hash.setExpiry(b('a'), 500);
    const copy = hash.clone();
    hash.set(b('a'), b('2'));
    expect(copy.get(b('a'))?.value).toBe('1');
    expect(copy.nextExpiry()).toBe(500);
    expect(hash.nextExpiry()).toBeUndefined();
    expect(copy.encoding()).toBe('listpackex');
  });

  it('a hash table samples fields uniformly without copying', () => {
    const hash = new HashValue();
    for (let i = 0; i < 10; i++) hash.set(b(`f${i}`), b('v'));
    expect(hash.randomField(() => 0)).toBeUndefined();
    hash.convertToHashtable();
    const counts = new Map<string, number>();
    let seed = 1;
    const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
    for (let i = 0; i < 10_000; i++) {
      const field = hash.randomField(random) as string;
      counts.set(field, (counts.get(field) ?? 0) + 1);
    }
    expect(counts.size).toBe(10);
    for (const n of counts.values()) expect(n).toBeGreaterThan(800);
  });
});
