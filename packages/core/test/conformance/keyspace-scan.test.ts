import {
  type Arg,
  connectFake,
  connectReal,
  redisServerAvailable,
  runScenarios,
  SHARED_START_CONFIG,
  startRealServer,
  type RealServer,
  type Wire,
  type WireConnection,
} from '@fakeredis/tooling/conformance';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keyspaceServer } from '../keyspace/fixtures.js';

const options = { createServer: (config: Record<string, string>) => keyspaceServer({ config }) };

// Replies whose key list has at most one key (or none) compare exactly.
runScenarios('keyspace: SCAN', options, [
  {
    name: 'cursor errors and odd valid cursors (strtoul) on an empty database',
    steps: [
      ['SCAN', 'x'], ['SCAN', '-'], ['SCAN', '+'], ['SCAN', ' 1'], ['SCAN', '\t1'], ['SCAN', '1 '], ['SCAN', '1x'], ['SCAN', '0x1'],
      ['SCAN', '18446744073709551616'], ['SCAN', '-18446744073709551616'], ['SCAN', '99999999999999999999999'],
      ['SCAN', '0'], ['SCAN', ''], ['SCAN', '00'], ['SCAN', '+0'], ['SCAN', '-0'], ['SCAN', '-1'], ['SCAN', '18446744073709551615'],
      ['SCAN', '-18446744073709551615'], ['SCAN', '+7'],
    ],
  },
  {
    name: 'option errors, in argument order',
    steps: [
      ['SCAN', '0', 'COUNT', '0'], ['SCAN', '0', 'COUNT', '-1'], ['SCAN', '0', 'COUNT', 'x'], ['SCAN', '0', 'COUNT', '1.5'],
      ['SCAN', '0', 'COUNT'], ['SCAN', '0', 'MATCH'], ['SCAN', '0', 'TYPE'], ['SCAN', '0', 'foo', 'bar'], ['SCAN', '0', 'foo'],
      ['SCAN', '0', 'COUNT', '10', 'COUNT', '0'], ['SCAN', '0', 'COUNT', 'x', 'foo'], ['SCAN', '0', 'foo', 'COUNT', 'x'],
      ['SCAN', 'x', 'COUNT', '0'], ['SCAN', '0', 'MATCH', '*', 'COUNT'], ['SCAN', '0', 'count', '9223372036854775807'],
      ['SCAN', '0', 'COUNT', '9223372036854775808'],
    ],
  },
  {
    name: 'MATCH, TYPE and COUNT on a small database',
    steps: [
      ['SET', 'str', 'v'], ['RPUSH', 'list', 'a'], ['SADD', 'set', 'a'], ['HSET', 'hash', 'f', 'v'], ['ZADD', 'zset', '1', 'a'],
      ['SCAN', '0', 'MATCH', 'str'], ['SCAN', '0', 'MATCH', 'l*'], ['SCAN', '0', 'match', '*et', 'TYPE', 'set'],
      ['SCAN', '0', 'TYPE', 'list'], ['SCAN', '0', 'TYPE', 'LIST'], ['SCAN', '0', 'type', 'String'], ['SCAN', '0', 'TYPE', 'hash'],
      ['SCAN', '0', 'TYPE', 'zset'], ['SCAN', '0', 'TYPE', 'foo'], ['SCAN', '0', 'TYPE', 'none'], ['SCAN', '0', 'TYPE', 'stream'],
      ['SCAN', '0', 'MATCH', 'nothing*'], ['SCAN', '0', 'MATCH', 'str', 'MATCH', 'list'], ['SCAN', '0', 'TYPE', 'set', 'TYPE', 'hash'],
      ['SCAN', '0', 'COUNT', '100', 'MATCH', 'h?sh'], ['SCAN', '0', 'MATCH', '[a-h]*', 'TYPE', 'hash', 'COUNT', '1000'],
    ],
  },
  {
    name: 'the empty key and MATCH *',
    steps: [['SET', '', 'v'], ['SCAN', '0'], ['SCAN', '0', 'MATCH', '*'], ['SCAN', '0', 'MATCH', '**'], ['SCAN', '0', 'MATCH', '']],
  },
  {
    // With active expiry off, only lookups collect keys: KEYS skips expired keys without
    // deleting them, SCAN deletes them, DBSIZE counts them until then.
    name: 'expired keys left in place: KEYS, SCAN, SCAN TYPE none, DBSIZE, RANDOMKEY',
    steps: [
      ['DEBUG', 'SET-ACTIVE-EXPIRE', '0'], ['SET', 'x', '1'], ['PEXPIRE', 'x', '1'], ['SET', 'y', '1'], ['PEXPIRE', 'y', '1'],
      ['SET', 'live', '1'], { sleep: 20 }, ['DBSIZE'], ['KEYS', '*'], ['KEYS', 'x'], ['DBSIZE'], ['SCAN', '0', 'MATCH', 'x'],
      ['DBSIZE'], ['SCAN', '0', 'TYPE', 'none'], ['DBSIZE'], ['SCAN', '0', 'TYPE', 'none'], ['DEL', 'live'], ['SET', 'z', '1'],
      ['PEXPIRE', 'z', '1'], { sleep: 20 }, ['RANDOMKEY'], ['DBSIZE'], ['DEBUG', 'SET-ACTIVE-EXPIRE', '1'],
    ],
  },
  {
    name: 'expired keys are not returned',
    steps: [['SET', 'k', 'v'], ['PEXPIRE', 'k', '20'], ['SET', 'j', 'v'], { sleep: 70 }, ['SCAN', '0'], ['DBSIZE']],
  },
]);

// Full iterations return keys in each server's own order: walk both to the end and
// compare the sets of keys, checking every reply's shape on the way.
const available = redisServerAvailable();

describe.skipIf(!available)('keyspace: SCAN full iterations (conformance vs redis-server)', () => {
  let real: RealServer;
  beforeAll(async () => {
    real = await startRealServer();
  });
  afterAll(async () => {
    await real?.stop();
  });

  const populate: Arg[][] = [];
  for (let i = 0; i < 300; i++) populate.push(['SET', `key:${i}`, String(i)]);
  for (let i = 0; i < 40; i++) populate.push(['RPUSH', `list:${i}`, 'x']);
  for (let i = 0; i < 30; i++) populate.push(['HSET', `hash:${i}`, 'f', 'v']);
  populate.push(['SET', Buffer.from([0, 255]), 'binary']);

  const walks: Array<{ name: string; options: Arg[]; keys: number }> = [
    { name: 'COUNT 1000', options: ['COUNT', '1000'], keys: 371 },
    { name: 'default COUNT', options: [], keys: 371 },
    { name: 'COUNT 1', options: ['COUNT', '1'], keys: 371 },
    { name: 'COUNT 7 MATCH key:1*', options: ['COUNT', '7', 'MATCH', 'key:1*'], keys: 111 },
    { name: 'TYPE list', options: ['TYPE', 'list'], keys: 40 },
    { name: 'MATCH *:2? TYPE hash COUNT 50', options: ['MATCH', '*:2?', 'TYPE', 'hash', 'COUNT', '50'], keys: 10 },
    { name: 'MATCH with no match', options: ['MATCH', 'absent*', 'COUNT', '13'], keys: 0 },
  ];

  for (const protocol of [2, 3] as const) {
    for (const walk of walks) {
      it(`${walk.name} [RESP${protocol}]`, async () => {
        const fake = options.createServer({ ...SHARED_START_CONFIG });
        const realSide = await connectReal(real.port);
        const fakeSide = connectFake(fake);
        try {
          const sides = [realSide.conn, fakeSide.conn];
          await realSide.conn.send(['FLUSHALL']);
          for (const conn of sides) {
            if (protocol === 3) await conn.send(['HELLO', '3']);
            for (const cmd of populate) await conn.send(cmd);
          }
          const [expected, actual] = await Promise.all(sides.map((conn) => scanAll(conn, walk.options)));
          expect(actual).toEqual(expected);
          expect(expected.length).toBe(walk.keys);
        } finally {
          realSide.close();
          fakeSide.close();
          fake.close();
        }
      });
    }
  }
});

/** SCANs from cursor 0 until the cursor is 0 again; the sorted distinct keys seen. */
async function scanAll(conn: WireConnection, scanOptions: Arg[]): Promise<string[]> {
  const seen = new Set<string>();
  let cursor = '0';
  for (let calls = 0; calls < 100_000; calls++) {
    const reply = await conn.send(['SCAN', cursor, ...scanOptions]);
    const [next, keys] = scanReply(reply);
    for (const key of keys) seen.add(key);
    cursor = next;
    if (cursor === '0') return [...seen].sort();
  }
  throw new Error('SCAN did not finish');
}

function scanReply(reply: Wire): [string, string[]] {
  if (reply.t !== 'array' || reply.v.length !== 2) throw new Error(`not a SCAN reply: ${JSON.stringify(reply)}`);
  const [cursor, keys] = reply.v as [Wire, Wire];
  if (cursor.t !== 'bulk' || !/^[0-9]+$/.test(cursor.v)) throw new Error(`bad cursor: ${JSON.stringify(cursor)}`);
  if (keys.t !== 'array' || keys.v.some((k) => k.t !== 'bulk')) throw new Error(`bad keys: ${JSON.stringify(keys)}`);
  return [cursor.v, keys.v.map((k) => (k as { v: string }).v)];
}

