import { listpackEntrySize, type Bytes } from '@fakeredis/core';
import { describe, expect, it } from 'vitest';
import { RedisList } from '../../src/index.js';

const quicklist = (fill: number) => RedisList.create({ maxListpackSize: fill, listpack: false });
const b = (s: string) => s as Bytes;
const counts = (list: RedisList) => list.nodeShape().map((n) => n.count);
const rpush = (list: RedisList, n: number, prefix = 'e') => {
  for (let i = 0; i < n; i++) list.pushTail(b(`${prefix}${i}`));
};

describe('RedisList node layout (quicklist.c, Redis 7.0)', () => {
  it('fills byte-limited nodes up to the size estimate', () => {
    // Entries of 100 bytes take 103 listpack bytes; a node takes another while
    // bytes + 100 + 8 <= 8192, so 79 per node.
    const list = quicklist(-2);
    for (let i = 0; i < 200; i++) list.pushTail(b('a'.repeat(100)));
    expect(counts(list)).toEqual([79, 79, 42]);
    expect(list.nodeShape()[0]?.bytes).toBe(7 + 79 * 103);
    for (let i = 0; i < 3; i++) list.pushHead(b('a'.repeat(100)));
    expect(counts(list)).toEqual([3, 79, 79, 42]);
  });

  it('fills count-limited nodes, capped at 8 kB', () => {
    const list = quicklist(3);
    rpush(list, 10);
    expect(counts(list)).toEqual([3, 3, 3, 1]);
    const big = quicklist(1000);
    for (let i = 0; i < 10; i++) big.pushTail(b('x'.repeat(2000)));
    expect(counts(big)).toEqual([4, 4, 2]);
    const single = quicklist(0);
    rpush(single, 3);
    expect(counts(single)).toEqual([1, 1, 1]);
  });

  it('clamps the fill as quicklistSetFill does', () => {
    const tiny = quicklist(-100);
    for (let i = 0; i < 1000; i++) tiny.pushTail(b('y'.repeat(100)));
    expect(counts(tiny)[0]).toBe(Math.floor((65536 - 7 - 108) / 103) + 1);
  });

  it('pops empty whole nodes and trims partial ones', () => {
    const list = quicklist(3);
    rpush(list, 10);
    expect(list.popHeadMany(4)).toEqual(['e0', 'e1', 'e2', 'e3']);
    expect(counts(list)).toEqual([2, 3, 1]);
    expect(list.popTailMany(2)).toEqual(['e9', 'e8']);
    expect(counts(list)).toEqual([2, 2]);
    list.trim(1, 1);
    expect(counts(list)).toEqual([1, 1]);
    expect([...list]).toEqual(['e5', 'e6']);
    expect(list.nodeShape()).toEqual([
      { count: 1, bytes: 7 + listpackEntrySize(b('e5')) },
      { count: 1, bytes: 7 + listpackEntrySize(b('e6')) },
    ]);
  });

  it('LINSERT into a node with room stays in it', () => {
    const list = quicklist(4);
    rpush(list, 3);
    list.insert(1, b('x'), true);
    expect(counts(list)).toEqual([4]);
    expect([...list]).toEqual(['e0', 'e1', 'x', 'e2']);
  });

  it('LINSERT at a full node end uses the neighbour or a new node', () => {
    const list = quicklist(3);
    rpush(list, 5); // [3, 2]
    list.insert(2, b('x'), true); // after the tail of node 0: node 1 has room
    expect(counts(list)).toEqual([3, 3]);
    list.insert(3, b('y'), false); // before the head of node 1, node 0 full: a new node
    expect(counts(list)).toEqual([3, 1, 3]);
    expect([...list]).toEqual(['e0', 'e1', 'e2', 'y', 'x', 'e3', 'e4']);
  });

  it('LINSERT splits a full node and merges the pieces it can', () => {
    const noMerge = quicklist(3);
    rpush(noMerge, 9); // [3, 3, 3]
    noMerge.insert(4, b('x'), true);
    expect(counts(noMerge)).toEqual([3, 2, 2, 3]);
    expect([...noMerge]).toEqual(['e0', 'e1', 'e2', 'e3', 'e4', 'x', 'e5', 'e6', 'e7', 'e8']);

    const before = quicklist(4);
    rpush(before, 8); // [4, 4]
    before.insert(2, b('x'), false);
    expect(counts(before)).toEqual([3, 2, 4]);

    const merging = quicklist(4);
    rpush(merging, 9); // [4, 4, 1]
    merging.popHeadMany(3); // [1, 4, 1]
    merging.insert(2, b('x'), true); // split [e4 e5 | e6 e7] -> [1, 2, 3, 1], then merges
    expect(counts(merging)).toEqual([3, 4]);
    expect([...merging]).toEqual(['e3', 'e4', 'e5', 'x', 'e6', 'e7', 'e8']);
  });

  it('LREM removes across nodes without merging', () => {
    const list = quicklist(3);
    rpush(list, 9);
    list.removePositions([0, 1, 2, 4, 8]);
    expect(counts(list)).toEqual([2, 2]);
    expect([...list]).toEqual(['e3', 'e5', 'e6', 'e7']);
    const fromTail = quicklist(3);
    rpush(fromTail, 9);
    fromTail.removePositions([7, 8]);
    expect(counts(fromTail)).toEqual([3, 3, 1]);
  });

  it('LSET changes a node size in place', () => {
    const list = quicklist(-2);
    rpush(list, 4);
    const before = list.nodeShape()[0]?.bytes as number;
    list.set(2, b('z'.repeat(5000)));
    expect(list.nodeShape()).toEqual([{ count: 4, bytes: before - listpackEntrySize(b('e2')) + listpackEntrySize(b('z'.repeat(5000))) }]);
    expect(list.at(2)).toBe('z'.repeat(5000));
  });

  it('clones deeply', () => {
    const list = quicklist(2);
    rpush(list, 5);
    const copy = list.clone();
    copy.pushTail(b('new'));
    copy.set(0, b('changed'));
    expect([...list]).toEqual(['e0', 'e1', 'e2', 'e3', 'e4']);
    expect(counts(list)).toEqual([2, 2, 1]);
    expect(counts(copy)).toEqual([2, 2, 2]);
    expect(copy.at(0)).toBe('changed');
  });

  it('sizes itself as objectComputeSize does', () => {
    const list = quicklist(-2);
    for (const v of ['a', 'b', 'c']) list.pushTail(b(v));
    // robj 16 + quicklist 40 + node 40 + listpack of 16 bytes (16).
    expect(list.memoryUsage(5)).toBe(112);
    const many = quicklist(1);
    for (let i = 0; i < 7; i++) many.pushTail(b(i < 5 ? 'x' : 'y'.repeat(100)));
    // 5 sampled nodes of 40 + 16 bytes, scaled to 7 nodes; all 7 with SAMPLES 0.
    expect(many.memoryUsage(5)).toBe(56 + 56 * 7);
    expect(many.memoryUsage(0)).toBe(Math.floor(56 + ((5 * 56 + 2 * (40 + 112)) / 7) * 7));
  });
});
