import { describePropagationCases, type PropagationCase, redisServerAvailable } from '@fakeredis/tooling/conformance';
import { keyspaceServer } from '../keyspace/fixtures.js';

// What the core commands propagate, compared with the AOF redis-server 7.0.15 writes for
// the same commands (appendfsync always, the incr file's new bytes after each case).
// Short TTLs are 5 ms, not 1: Redis checks a relative expiry against the clock again after
// computing it, so a loaded machine may find 1 ms already past (and propagate DEL).
const cases: PropagationCase[] = [
  { name: 'plain writes as sent; reads and no-op writes not at all', steps: [['SET', 'a', '1'], ['GET', 'a'], ['DEL', 'nokey'], ['rpush', 'l', 'x'], ['LPOP', 'nol'], ['DEL', 'a', 'nokey']] },
  {
    name: 'EXPIRE, PEXPIRE, EXPIREAT as PEXPIREAT with the absolute time; PEXPIREAT as sent',
    steps: [
      ['SET', 'a', '1'], ['EXPIRE', 'a', '100'], ['PEXPIRE', 'a', '200000'], ['EXPIREAT', 'a', '9999999999'], ['pexpireat', 'a', '99999999999999'],
      ['EXPIRE', 'a', '300', 'GT'], ['EXPIRE', 'a', '300', 'NX'], ['EXPIRE', 'missing', '10'], ['PERSIST', 'a'], ['PERSIST', 'a'],
    ],
  },
  { name: 'an expiry in the past as DEL, or UNLINK with lazyfree-lazy-expire', steps: [['SET', 'a', '1'], ['EXPIRE', 'a', '-1'], ['SET', 'b', '1'], ['CONFIG', 'SET', 'lazyfree-lazy-expire', 'yes'], ['PEXPIREAT', 'b', '1'], ['CONFIG', 'SET', 'lazyfree-lazy-expire', 'no']] },
  {
    name: 'RESTORE with a relative TTL as ABSTTL; REPLACE with a past TTL as DEL',
    steps: [
      ['RPUSH', 'src', 'a', 'b'], ['DUMP', 'src'], ['DEL', 'src'],
      ['RESTORE', 'r', '0', '\x0e\x01\x0f\x0f\x00\x00\x00\x02\x00\x81a\x02\x81b\x02\xff\x0a\x00\xdf\xd2\x11\x93\xe5\xbc\x9a\x9d'],
      ['RESTORE', 'r2', '100000', '\x0e\x01\x0f\x0f\x00\x00\x00\x02\x00\x81a\x02\x81b\x02\xff\x0a\x00\xdf\xd2\x11\x93\xe5\xbc\x9a\x9d'],
      ['RESTORE', 'r3', '9999999999000', '\x0e\x01\x0f\x0f\x00\x00\x00\x02\x00\x81a\x02\x81b\x02\xff\x0a\x00\xdf\xd2\x11\x93\xe5\xbc\x9a\x9d', 'ABSTTL'],
      ['RESTORE', 'r', '1', '\x0e\x01\x0f\x0f\x00\x00\x00\x02\x00\x81a\x02\x81b\x02\xff\x0a\x00\xdf\xd2\x11\x93\xe5\xbc\x9a\x9d', 'REPLACE', 'ABSTTL'],
    ],
  },
  { name: 'FLUSHDB, FLUSHALL and SWAPDB even with nothing to flush', steps: [['FLUSHDB'], ['FLUSHALL'], ['SWAPDB', '0', '1'], ['SWAPDB', '0', '99'], ['FLUSHALL', 'ASYNC']] },
  {
    name: 'SELECT before the first command of another database, MOVE, COPY, RENAME',
    steps: [['SELECT', '2'], ['SET', 'x', '1'], ['MOVE', 'x', '0'], ['SELECT', '0'], ['COPY', 'x', 'y', 'DB', '3'], ['RENAME', 'x', 'z'], ['SELECT', '3'], ['DEL', 'y']],
  },
  {
    name: 'MULTI / EXEC: several writes wrapped, one write alone, no write nothing, SELECT inside',
    steps: [
      ['MULTI'], ['SET', 'a', '1'], ['EXEC'],
      ['MULTI'], ['SET', 'a', '2'], ['GET', 'a'], ['SET', 'b', '3'], ['EXEC'],
      ['MULTI'], ['GET', 'a'], ['EXEC'],
      ['MULTI'], ['SELECT', '2'], ['SET', 'z', '1'], ['SELECT', '0'], ['SET', 'z', '2'], ['EXEC'],
      ['MULTI'], ['EXPIRE', 'a', '100'], ['DEL', 'a'], ['EXEC'],
    ],
  },
  {
    name: 'a lazy expiry is DEL, wrapped with the write that found it',
    steps: [
      ['DEBUG', 'SET-ACTIVE-EXPIRE', '0'],
      ['SET', 'a', '1'], ['PEXPIRE', 'a', '5'], { sleep: 20 }, ['GET', 'a'],
      ['SET', 'b', '1'], ['PEXPIRE', 'b', '5'], { sleep: 20 }, ['RPUSH', 'b', 'x'],
      ['SET', 'c', '1'], ['PEXPIRE', 'c', '5'], ['SET', 'd', '1'], { sleep: 20 }, ['DEL', 'c', 'd'],
      ['SET', 'e', '1'], ['PEXPIRE', 'e', '5'], { sleep: 20 }, ['EXISTS', 'e'],
      ['SET', 'f', '1'], ['PEXPIRE', 'f', '5'], { sleep: 20 }, ['MULTI'], ['GET', 'f'], ['SET', 'g', '1'], ['EXEC'],
      ['DEBUG', 'SET-ACTIVE-EXPIRE', '1'],
    ],
  },
  {
    name: 'active expiry deletes with DEL, UNLINK under lazyfree-lazy-expire',
    steps: [
      ['SET', 'a', '1'], ['PEXPIRE', 'a', '5'], { sleep: 400 },
      ['CONFIG', 'SET', 'lazyfree-lazy-expire', 'yes'], ['SET', 'b', '1'], ['PEXPIRE', 'b', '5'], { sleep: 400 }, ['CONFIG', 'SET', 'lazyfree-lazy-expire', 'no'],
    ],
  },
  {
    // One key each: SCAN visits keys in Redis's hash order (seeded per process), the fake's in
    // insertion order; feed.test.ts checks that two expiries of one SCAN are not wrapped.
    name: 'keys expired by SCAN and RANDOMKEY are DELs',
    steps: [
      ['DEBUG', 'SET-ACTIVE-EXPIRE', '0'], ['SET', 'a', '1'], ['PEXPIRE', 'a', '5'], { sleep: 20 },
      ['SCAN', '0', 'COUNT', '100'], ['SET', 'c', '1'], ['PEXPIRE', 'c', '5'], { sleep: 20 }, ['RANDOMKEY'], ['DEBUG', 'SET-ACTIVE-EXPIRE', '1'],
    ],
  },
  {
    name: 'evicted keys are DEL, or UNLINK with lazyfree-lazy-eviction',
    steps: [
      ['SET', 'a', '1'], ['CONFIG', 'SET', 'maxmemory-policy', 'allkeys-lru'], ['CONFIG', 'SET', 'maxmemory', '1'], ['CONFIG', 'SET', 'maxmemory', '0'],
      ['SET', 'b', '1'], ['CONFIG', 'SET', 'lazyfree-lazy-eviction', 'yes'], ['CONFIG', 'SET', 'maxmemory', '1'], ['CONFIG', 'SET', 'maxmemory', '0'],
      ['CONFIG', 'SET', 'lazyfree-lazy-eviction', 'no'], ['CONFIG', 'SET', 'maxmemory-policy', 'noeviction'],
    ],
  },
];

describePropagationCases('propagation feed vs redis-server AOF (core commands)', cases, () => keyspaceServer({ config: { 'enable-debug-command': 'yes' } }), { skip: !redisServerAvailable() });
