import { addHook, Crc64, ErrorReply } from '@fakeredis/core';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FakeServer } from '../src/index.js';

/**
 * RESTORE of damaged payloads (with a valid checksum, as a client could send them): every
 * one either restores a value that the type's commands, DUMP and DEBUG RELOAD then handle,
 * or answers "Bad data format"; nothing crashes or reports an internal error.
 */

function withFooter(body: Buffer): Buffer {
  const head = Buffer.concat([body, Buffer.from([10, 0])]);
  const crc = new Crc64();
  crc.update(head);
  return Buffer.concat([head, Buffer.from(crc.bytes())]);
}

const many = (n: number, f: (i: number) => string[]): string[] => Array.from({ length: n }, (_, i) => f(i)).flat();

const SETUP: string[][] = [
  ['SET', 'str', 'x'.repeat(50)], ['SET', 'int', '123456'],
  ['RPUSH', 'list', 'a', '1', 'hello', '-70000'], ['RPUSH', 'biglist', ...many(300, (i) => [`e${i}`])],
  ['SADD', 'intset', '1', '2', '70000'], ['SADD', 'set', 'a', 'b', 'c'],
  ['ZADD', 'zlp', '1', 'a', '2.5', 'b'], ['ZADD', 'zsl', ...many(200, (i) => [String(i), `m${i}`])],
  ['HSET', 'hlp', 'f', 'v', 'n', '1'], ['HSET', 'hht', ...many(600, (i) => [`f${i}`, `v${i}`])],
  ['XADD', 's', '1-1', 'a', '1'], ['XADD', 's', '2-1', 'a', '2', 'b', '3'], ['XDEL', 's', '1-1'],
  ['XGROUP', 'CREATE', 's', 'g', '0'], ['XREADGROUP', 'GROUP', 'g', 'c', 'STREAMS', 's', '>'],
];

/** xorshift32: repeatable choices. */
function rng(seed: number): () => number {
  let x = seed;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 4294967296;
  };
}

const READS: Record<string, string[][]> = {
  string: [['GET', '$'], ['STRLEN', '$']],
  list: [['LRANGE', '$', '0', '-1'], ['LPOP', '$'], ['RPUSH', '$', 'z'], ['LINSERT', '$', 'BEFORE', 'z', 'y']],
  set: [['SMEMBERS', '$'], ['SADD', '$', 'new', '5'], ['SPOP', '$'], ['SRANDMEMBER', '$', '-5']],
  zset: [['ZRANGE', '$', '0', '-1', 'WITHSCORES'], ['ZADD', '$', '3', 'q'], ['ZPOPMIN', '$'], ['ZRANGEBYLEX', '$', '-', '+']],
  hash: [['HGETALL', '$'], ['HSET', '$', 'k', 'v'], ['HDEL', '$', 'f'], ['HRANDFIELD', '$', '-3']],
  stream: [['XRANGE', '$', '-', '+'], ['XINFO', 'STREAM', '$', 'FULL'], ['XADD', '$', '*', 'k', 'v'], ['XPENDING', '$', 'g'], ['XTRIM', '$', 'MAXLEN', '1']],
};

describe('RESTORE of damaged payloads', () => {
  it('restores a sound value or answers Bad data format, never worse', () => {
    const server = new FakeServer({ seed: 1, config: { 'enable-debug-command': 'yes', dir: mkdtempSync(join(tmpdir(), 'fakeredis-fuzz-')) } });
    for (const cmd of SETUP) server.command(...cmd);
    const payloads = ['str', 'int', 'list', 'biglist', 'intset', 'set', 'zlp', 'zsl', 'hlp', 'hht', 's'].map((k) => server.call('DUMP', k) as string);
    const random = rng(Number(process.env.FAKEREDIS_FUZZ_SEED ?? 20261207));
    let restored = 0;
    let refused = 0;
    for (let round = 0; round < 3000; round++) {
      const source = Buffer.from(payloads[round % payloads.length] as string, 'latin1');
      const body = Buffer.from(source.subarray(0, source.length - 10));
      const mutation = Math.floor(random() * 4);
      let damaged: Buffer;
      if (mutation === 0) {
        for (let k = 0; k < 1 + Math.floor(random() * 3); k++) body[Math.floor(random() * body.length)] = Math.floor(random() * 256);
        damaged = body;
      } else if (mutation === 1) {
        damaged = body.subarray(0, Math.floor(random() * body.length));
      } else if (mutation === 2) {
        const at = Math.floor(random() * body.length);
        damaged = Buffer.concat([body.subarray(0, at), Buffer.from([Math.floor(random() * 256)]), body.subarray(at)]);
      } else {
        body[Math.floor(random() * Math.min(body.length, 8))] = Math.floor(random() * 256);
        damaged = body;
      }
      const reply = server.call('RESTORE', 'k', '0', withFooter(damaged), 'REPLACE');
      if (reply instanceof ErrorReply) {
        expect(reply.message).toBe('ERR Bad data format');
        refused++;
        continue;
      }
      expect(String((reply as { value?: string }).value ?? reply)).toBe('OK');
      restored++;
      const type = server.command('TYPE', 'k') as string;
      for (const read of READS[type] ?? []) {
        const r = server.call(...read.map((a) => (a === '$' ? 'k' : a)));
        if (r instanceof ErrorReply) expect(r.message).not.toMatch(/internal error/);
      }
      const again = server.call('DUMP', 'k');
      if (again !== null) {
        const back = server.call('RESTORE', 'k2', '0', Buffer.from(again as string, 'latin1'), 'REPLACE');
        expect(back instanceof ErrorReply ? `${back.message} for ${type} ${Buffer.from(again as string, 'latin1').toString('hex')} from ${damaged.toString('hex')}` : 'OK').toBe('OK');
      }
    }
    const logged: string[] = [];
    addHook(server, 'log', (_level, message) => logged.push(message));
    const reload = server.call('DEBUG', 'RELOAD');
    expect(reload instanceof ErrorReply ? `${reload.message}: ${logged.join(' | ')}` : 'OK').toBe('OK');
    expect(restored + refused).toBe(3000);
    expect(refused).toBeGreaterThan(1000);
    server.close();
  });
});
