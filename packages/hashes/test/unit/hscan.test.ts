import { describe, expect, it } from 'vitest';
import { fieldArgs, hashServer } from './fixtures.js';

type ScanReply = [string, string[]];

/** Walks HSCAN to the end; `between` runs after each call. */
function walk(server: ReturnType<typeof hashServer>, count: number, between: (round: number) => void = () => {}): { seen: string[]; calls: number; maxBatch: number } {
  const seen: string[] = [];
  let cursor = '0';
  let calls = 0;
  let maxBatch = 0;
  do {
    const [next, batch] = server.call('HSCAN', 'h', cursor, 'COUNT', String(count)) as ScanReply;
    for (let i = 0; i < batch.length; i += 2) seen.push(batch[i] as string);
    maxBatch = Math.max(maxBatch, batch.length / 2);
    cursor = next;
    between(calls++);
  } while (cursor !== '0');
  return { seen, calls, maxBatch };
}

// The cursor contract of HSCAN on a hash table: every field present for the whole scan
// is returned (at least once), COUNT bounds a call's work, a full scan ends at 0.
describe('HSCAN on a hash table', () => {
  it('visits every field once, about COUNT per call, ending at cursor 0', () => {
    const server = hashServer();
    server.call('HSET', 'h', ...fieldArgs(1000));
    expect(server.call('OBJECT', 'ENCODING', 'h')).toBe('hashtable');
    const { seen, calls, maxBatch } = walk(server, 37);
    expect(seen).toHaveLength(1000);
    expect(new Set(seen).size).toBe(1000);
    expect(calls).toBe(Math.ceil(1000 / 37));
    expect(maxBatch).toBe(37);
  });

  it('fields present throughout are returned despite inserts and deletes meanwhile', () => {
    const server = hashServer();
    server.call('HSET', 'h', ...fieldArgs(1000));
    const { seen } = walk(server, 50, (round) => {
      server.call('HDEL', 'h', `f${999 - round}`);
      server.call('HSET', 'h', `new${round}`, 'x');
    });
    const seenSet = new Set(seen);
    for (let i = 0; i < 980; i++) expect(seenSet.has(`f${i}`)).toBe(true);
  });

  it('MATCH filters what COUNT visited; values follow their fields', () => {
    const server = hashServer();
    server.call('HSET', 'h', ...fieldArgs(1000));
    const [cursor, batch] = server.call('HSCAN', 'h', '0', 'MATCH', 'f1??', 'COUNT', '10000') as ScanReply;
    expect(cursor).toBe('0');
    expect(batch).toHaveLength(200);
    for (let i = 0; i < batch.length; i += 2) expect(batch[i + 1]).toBe(`v${(batch[i] as string).slice(1)}`);
  });
});
