import {
  compare, type Compare, connectFake, connectReal, redisServerAvailable, type RealServer, SHARED_START_CONFIG, startRealServer, type Wire,
} from '@fakeredis/tooling/conformance';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bytes } from '../../src/index.js';
import { serverForConformance } from '../server/fixtures.js';

/**
 * keyspace_hits / keyspace_misses and `keymiss` events, command by command: Redis's
 * lookupKey counts read lookups (not write ones, not those with LOOKUP_NOSTATS) and emits
 * `keymiss` on a read miss (not with LOOKUP_NONOTIFY: OBJECT). Each command runs on both
 * servers after CONFIG RESETSTAT; INFO stats' two counters and the `keymiss` messages a
 * subscriber gets must agree.
 */
const SETUP: string[][] = [
  ['SET', 's', 'v'], ['EXPIRE', 's', '1000'], ['SET', 'n', '10'], ['SET', 'b', 'ab'], ['PFADD', 'h', 'a', 'b'],
  ['SET', 'gone', 'v', 'PX', '1'],
];

const COMMANDS: string[][] = [
  // generic key commands (db.c, expire.c, object.c)
  ['EXISTS', 's', 'nokey', 's'], ['TYPE', 's'], ['TYPE', 'nokey'], ['TTL', 's'], ['TTL', 'nokey'], ['PTTL', 'nokey'],
  ['EXPIRETIME', 's'], ['PEXPIRETIME', 'nokey'], ['OBJECT', 'ENCODING', 's'], ['OBJECT', 'ENCODING', 'nokey'],
  ['OBJECT', 'REFCOUNT', 'n'], ['OBJECT', 'IDLETIME', 'nokey'], ['OBJECT', 'FREQ', 's'], ['OBJECT', 'FREQ', 'nokey'],
  ['SCAN', '0', 'COUNT', '100'], ['SCAN', '0', 'TYPE', 'string', 'COUNT', '100'], ['SCAN', '0', 'MATCH', 's', 'TYPE', 'hash'],
  ['KEYS', '*'], ['RANDOMKEY'], ['DBSIZE'], ['TOUCH', 's', 'nokey'], ['COPY', 's', 'c'], ['COPY', 'nokey', 'c2'],
  ['COPY', 's', 'c', 'REPLACE'], ['MOVE', 'c', '1'], ['MOVE', 'nokey', '1'], ['RENAME', 'n', 'n2'], ['RENAME', 'n2', 'n'],
  ['RENAMENX', 'nokey', 'x'], ['EXPIRE', 's', '2000'], ['EXPIRE', 'nokey', '1'], ['PERSIST', 's'], ['PERSIST', 'nokey'],
  ['DEL', 'nokey'], ['UNLINK', 'nokey'], ['MEMORY', 'USAGE', 's'], ['MEMORY', 'USAGE', 'nokey'],
  // an expired key: collected by the lookup, then a miss
  ['GET', 'gone'],
  // strings (t_string.c)
  ['GET', 's'], ['GET', 'nokey'], ['MGET', 's', 'nokey', 'n'], ['GETEX', 's'], ['GETEX', 'nokey', 'PERSIST'],
  ['GETRANGE', 's', '0', '1'], ['GETRANGE', 'nokey', '0', '1'], ['STRLEN', 's'], ['STRLEN', 'nokey'], ['SUBSTR', 'nokey', '0', '1'],
  ['SET', 's', 'w'], ['SET', 's', 'x', 'GET'], ['SET', 'nokey2', 'x', 'GET'], ['DEL', 'nokey2'], ['SETNX', 'nokey3', 'x'],
  ['SETEX', 'nokey4', '100', 'x'], ['PSETEX', 'nokey5', '100', 'x'], ['MSET', 'm1', 'x'], ['MSETNX', 'm2', 'x', 'm1', 'y'],
  ['GETSET', 'm1', 'z'], ['GETSET', 'nokey6', 'z'], ['GETDEL', 'm1'], ['GETDEL', 'nokey'], ['APPEND', 's', 'y'],
  ['APPEND', 'nokey7', 'y'], ['SETRANGE', 's', '1', 'q'], ['SETRANGE', 'nokey8', '1', 'q'], ['INCR', 'n'], ['INCR', 'nokey9'],
  ['DECRBY', 'n', '2'], ['INCRBYFLOAT', 'n', '1.5'], ['INCRBYFLOAT', 'nokey10', '1'], ['LCS', 's', 'b'], ['LCS', 'nokey', 's'],
  // bitmaps (bitops.c)
  ['GETBIT', 'b', '1'], ['GETBIT', 'nokey', '1'], ['SETBIT', 'b', '1', '1'], ['SETBIT', 'nokey11', '1', '1'],
  ['BITCOUNT', 'b'], ['BITCOUNT', 'nokey'], ['BITPOS', 'b', '1'], ['BITPOS', 'nokey', '0'], ['BITOP', 'AND', 'dest', 'b', 'nokey'],
  ['BITFIELD', 'b', 'GET', 'u8', '0'], ['BITFIELD', 'nokey', 'GET', 'u8', '0'], ['BITFIELD', 'b', 'SET', 'u8', '0', '1'],
  ['BITFIELD', 'nokey12', 'INCRBY', 'u8', '0', '1'], ['BITFIELD_RO', 'b', 'GET', 'u8', '0'], ['BITFIELD_RO', 'nokey', 'GET', 'u8', '0'],
  // HyperLogLog (hyperloglog.c)
  ['PFADD', 'h', 'c'], ['PFADD', 'nokey13', 'c'], ['PFCOUNT', 'h'], ['PFCOUNT', 'nokey'], ['PFCOUNT', 'h', 'nokey'],
  ['PFMERGE', 'h2', 'h', 'nokey'], ['PFMERGE', 'nokey14'],
  // WRONGTYPE after a hit
  ['GET', 'h2'], ['INCR', 'h2'], ['GETBIT', 'h2', '1'],
];

/** Replies whose order or choice Redis leaves undefined; the counters are compared all the same. */
function replyMode(cmd: string[]): Compare {
  const name = (cmd[0] as string).toUpperCase();
  return name === 'KEYS' ? 'unordered' : name === 'SCAN' || name === 'RANDOMKEY' ? 'shape' : 'exact';
}

function counters(info: Wire): string {
  const text = info.t === 'bulk' || info.t === 'verbatim' ? info.v : '';
  return text.split('\r\n').filter((line) => line.startsWith('keyspace_')).join(' ');
}

describe.skipIf(!redisServerAvailable())('keyspace_hits, keyspace_misses and keymiss per command (conformance vs redis-server)', () => {
  let real: RealServer;
  beforeAll(async () => {
    real = await startRealServer();
  });
  afterAll(async () => {
    await real?.stop();
  });

  it('agree with Redis command by command', async () => {
    const fake = serverForConformance({ ...SHARED_START_CONFIG });
    const r = await connectReal(real.port);
    const f = connectFake(fake);
    const subscriber = await connectReal(real.port);
    const fakeEvents: string[] = [];
    fake.notifier.addPublisher((channel: Bytes, message: Bytes) => fakeEvents.push(`${channel} ${message}`));
    try {
      const both = (args: string[]) => Promise.all([r.conn.send(args), f.conn.send(args)]);
      await r.conn.send(['FLUSHALL']);
      for (const cmd of SETUP) await both(cmd);
      await both(['CONFIG', 'SET', 'notify-keyspace-events', 'Em']);
      await subscriber.conn.send(['SUBSCRIBE', '__keyevent@0__:keymiss']);
      await new Promise((resolve) => setTimeout(resolve, 20)); // lets "gone" expire
      const mismatches: string[] = [];
      for (const cmd of COMMANDS) {
        await both(['CONFIG', 'RESETSTAT']);
        const [expectedReply, actualReply] = await both(cmd);
        const [expectedInfo, actualInfo] = await both(['INFO', 'stats']);
        await new Promise((resolve) => setTimeout(resolve, 10));
        const realEvents = subscriber.conn.unsolicited.splice(0).map((w) => {
          const items = w.t === 'array' || w.t === 'push' ? w.v : [];
          return items.map((x) => ('v' in x ? x.v : '')).slice(1).join(' ');
        });
        const seen = fakeEvents.splice(0);
        const line = (info: Wire, events: string[]) => `${counters(info)} events=[${events.join(', ')}]`;
        const [want, got] = [line(expectedInfo, realEvents), line(actualInfo, seen)];
        if (want !== got) mismatches.push(`${cmd.join(' ')}\n  redis: ${want}\n  fake:  ${got}`);
        const diff = compare(expectedReply, actualReply, replyMode(cmd));
        if (diff) mismatches.push(`${cmd.join(' ')}: ${diff}`);
      }
      expect(mismatches.join('\n')).toBe('');
    } finally {
      await r.conn.send(['CONFIG', 'SET', 'notify-keyspace-events', '']);
      r.close();
      f.close();
      subscriber.close();
      fake.close();
    }
  });
});
