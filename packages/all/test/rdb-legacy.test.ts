import { Crc64, RdbWriter } from '@fakeredis/core';
import { connectFake, connectReal, redisServerAvailable, startRealServer, type Wire } from '@fakeredis/tooling/conformance';
import { describe, expect, it } from 'vitest';
import { FakeServer } from '../src/index.js';

/**
 * Payloads in the encodings of Redis 6 and older (ziplists, quicklist v1, zipmaps), built
 * here from the formats' description, RESTOREd in redis-server 7.0 and in the fake: both
 * accept the same ones, read the same values with the same encodings, and DUMP the same
 * bytes afterwards.
 */

/** A ziplist as ziplist.c writes it: integers in their smallest encoding. */
function ziplist(entries: string[]): Buffer {
  const parts: Buffer[] = [];
  let prev = 0;
  let tail = 10;
  let offset = 10;
  for (const e of entries) {
    const prevlen = prev < 254 ? Buffer.from([prev]) : Buffer.concat([Buffer.from([0xfe]), u32le(prev)]);
    let body: Buffer;
    if (/^(0|-?[1-9][0-9]{0,18})$/.test(e) && BigInt(e) >= -(2n ** 63n) && BigInt(e) < 2n ** 63n) {
      const v = BigInt(e);
      if (v >= 0n && v <= 12n) body = Buffer.from([0xf1 + Number(v)]);
      else if (v >= -128n && v <= 127n) body = Buffer.from([0xfe, Number(v) & 0xff]);
      else if (v >= -32768n && v <= 32767n) { body = Buffer.alloc(3); body[0] = 0xc0; body.writeInt16LE(Number(v), 1); }
      else if (v >= -8388608n && v <= 8388607n) { body = Buffer.alloc(4); body[0] = 0xf0; body.writeIntLE(Number(v), 1, 3); }
      else if (v >= -2147483648n && v <= 2147483647n) { body = Buffer.alloc(5); body[0] = 0xd0; body.writeInt32LE(Number(v), 1); }
      else { body = Buffer.alloc(9); body[0] = 0xe0; body.writeBigInt64LE(v, 1); }
    } else {
      const s = Buffer.from(e, 'latin1');
      const header = s.length < 64 ? Buffer.from([s.length]) : s.length < 16384 ? Buffer.from([0x40 | (s.length >> 8), s.length & 0xff]) : Buffer.concat([Buffer.from([0x80]), u32be(s.length)]);
      body = Buffer.concat([header, s]);
    }
    const entry = Buffer.concat([prevlen, body]);
    tail = offset;
    offset += entry.length;
    prev = entry.length;
    parts.push(entry);
  }
  const total = offset + 1;
  const header = Buffer.alloc(10);
  header.writeUInt32LE(total, 0);
  header.writeUInt32LE(entries.length === 0 ? 10 : tail, 4);
  header.writeUInt16LE(Math.min(entries.length, 0xffff), 8);
  return Buffer.concat([header, ...parts, Buffer.from([0xff])]);
}

/** A zipmap of field, value pairs (zipmap.c, no free bytes). */
function zipmap(pairs: string[]): Buffer {
  const len = (n: number) => (n < 254 ? Buffer.from([n]) : Buffer.concat([Buffer.from([254]), u32le(n)]));
  const parts: Buffer[] = [Buffer.from([pairs.length / 2])];
  for (let i = 0; i < pairs.length; i += 2) {
    const k = Buffer.from(pairs[i] as string, 'latin1');
    const v = Buffer.from(pairs[i + 1] as string, 'latin1');
    parts.push(len(k.length), k, len(v.length), Buffer.from([0]), v);
  }
  parts.push(Buffer.from([0xff]));
  return Buffer.concat(parts);
}

function u32le(n: number): Buffer { const b = Buffer.alloc(4); b.writeUInt32LE(n); return b; }
function u32be(n: number): Buffer { const b = Buffer.alloc(4); b.writeUInt32BE(n); return b; }

/** A DUMP payload of RDB type `type` holding `blobs` as RDB strings (after `lengths`). */
function payload(type: number, blobs: Buffer[], lengths: number[] = [], version = 9): Buffer {
  const w = new RdbWriter(false);
  w.byte(type);
  for (const n of lengths) w.length(n);
  for (const b of blobs) w.blob(b);
  const head = Buffer.concat([w.result(), Buffer.from([version, 0])]);
  const crc = new Crc64();
  crc.update(head);
  return Buffer.concat([head, Buffer.from(crc.bytes())]);
}

const many = (n: number, f: (i: number) => string): string[] => Array.from({ length: n }, (_, i) => f(i));
const LIST = ['a', '0', '12', '13', '-1', '127', '-300', '70000', '-8000000', '5000000000', 'x'.repeat(100), ''];

const CASES: Array<{ name: string; payload: Buffer; reads: string[][] }> = [
  { name: 'a list ziplist (type 10)', payload: payload(10, [ziplist(LIST)]), reads: [['LRANGE', 'k', '0', '-1']] },
  { name: 'a long list ziplist (type 10)', payload: payload(10, [ziplist(many(300, (i) => `element-${i}`))]), reads: [['LRANGE', 'k', '0', '-1']] },
  { name: 'a quicklist of ziplists (type 14)', payload: payload(14, [ziplist(['a', 'b', '1']), ziplist(['c', '2'])], [2]), reads: [['LRANGE', 'k', '0', '-1']] },
  { name: 'a zset ziplist (type 12)', payload: payload(12, [ziplist(['c', '-3', 'a', '1', 'b', '2.5'])]), reads: [['ZRANGE', 'k', '0', '-1', 'WITHSCORES']] },
  { name: 'a long zset ziplist (type 12)', payload: payload(12, [ziplist(many(300, (i) => (i % 2 === 0 ? `m${i}` : String(i))))]), reads: [['ZRANGE', 'k', '0', '-1', 'WITHSCORES']] },
  { name: 'a hash ziplist (type 13)', payload: payload(13, [ziplist(['f', 'v', 'n', '1', 'big', '5000000000'])]), reads: [['HGETALL', 'k']] },
  { name: 'a hash ziplist with a long value (type 13)', payload: payload(13, [ziplist(['f', 'x'.repeat(100)])]), reads: [['HGETALL', 'k']] },
  { name: 'a zipmap (type 9)', payload: payload(9, [zipmap(['f', 'v', 'g', 'w'])]), reads: [['HGETALL', 'k']] },
  { name: 'a zipmap with a long value (type 9)', payload: payload(9, [zipmap(['f', 'x'.repeat(100)])]), reads: [['HGETALL', 'k']] },
  { name: 'a ziplist with a bad tail offset', payload: payload(10, [(() => { const z = ziplist(['a', 'b']); z.writeUInt32LE(3, 4); return z; })()]), reads: [] },
  { name: 'a ziplist with duplicate hash fields', payload: payload(13, [ziplist(['f', 'v', 'f', 'w'])]), reads: [] },
];

const show = (w: Wire): string => JSON.stringify(w);

describe.skipIf(!redisServerAvailable())('payloads of Redis 6 encodings restored in redis-server 7.0 and the fake', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const real = await startRealServer();
    const { conn, close } = await connectReal(real.port);
    const fake = new FakeServer();
    const wire = connectFake(fake);
    try {
      for (const cmd of [['RESTORE', 'k', '0', c.payload], ...c.reads, ['OBJECT', 'ENCODING', 'k'], ['DUMP', 'k']]) {
        expect(show(await wire.conn.send(cmd)), String(cmd[0])).toBe(show(await conn.send(cmd)));
      }
    } finally {
      wire.close();
      fake.close();
      close();
      await real.stop();
    }
  });
});
