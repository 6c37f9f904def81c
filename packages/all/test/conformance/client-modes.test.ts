import { FakeServer, type ServerProfile } from '@fakeredis/core';
import type { Scenario, Wire } from '@fakeredis/tooling/conformance';
import { clientInfoLines, pipeline } from '@fakeredis/tooling/conformance';
import { runScenariosByVersion } from '@fakeredis/tooling/conformance/reference';
import { allMixins } from '../../src/index.js';

// Issue 17's CLIENT NO-EVICT, NO-TOUCH and SETINFO against redis-server 7.0.15 and, when
// FAKEREDIS_REDIS_7_2 / _7_4 name binaries, 7.2 and 7.4: the same steps in every version
// (7.0 answers NO-TOUCH and SETINFO as unknown subcommands, and touches). All modules are
// loaded: NO-TOUCH must hold for the writes of strings, sets and hashes too.
const createServer = (config: Record<string, string>, profile?: ServerProfile) =>
  new FakeServer({ mixins: [...allMixins], config, profile });
const CLIENT_INFO = { cmd: ['CLIENT', 'INFO'], compare: clientInfoLines() };
/** OBJECT IDLETIME: whole seconds, whose exact figure depends on when the real server's LRU clock ticked. */
const IDLE = { map: (w: Wire): Wire => (w.t === 'int' ? { t: 'int', v: Number(w.v) >= 1 ? 'idle' : 'fresh' } : w) };
const idle = (key: string) => ({ cmd: ['OBJECT', 'IDLETIME', key], compare: IDLE });
// lfu-log-factor 0 makes every access add one to the LFU counter (LFULogIncr's probability is 1).
const LFU = [
  ['CONFIG', 'SET', 'maxmemory-policy', 'allkeys-lfu'],
  ['CONFIG', 'SET', 'lfu-log-factor', '0'],
];

const scenarios: Scenario[] = [
  {
    name: 'NO-EVICT and NO-TOUCH: the e and T flags, errors',
    steps: [
      ['CLIENT', 'NO-EVICT', 'on'],
      CLIENT_INFO,
      ['CLIENT', 'NO-TOUCH', 'ON'],
      CLIENT_INFO,
      ['CLIENT', 'NO-EVICT', 'off'],
      CLIENT_INFO,
      ['CLIENT', 'NO-TOUCH', 'Off'],
      CLIENT_INFO,
      ['CLIENT', 'NO-TOUCH', 'maybe'],
      ['CLIENT', 'NO-TOUCH', ''],
      ['CLIENT', 'NO-TOUCH'],
      ['CLIENT', 'NO-TOUCH', 'on', 'x'],
      ['CLIENT', 'NO-EVICT', 'on', 'x'],
      CLIENT_INFO,
      ['CLIENT', 'NO-EVICT', 'on'],
      ['CLIENT', 'NO-TOUCH', 'on'],
      ['RESET'],
      CLIENT_INFO,
    ],
  },
  {
    name: 'NO-TOUCH: reads and writes leave the LFU counter alone, TOUCH and EXEC TOUCH do not, a script TOUCH does',
    steps: [
      ...LFU,
      ['SET', 'k', 'v'],
      ['OBJECT', 'FREQ', 'k'],
      ['CLIENT', 'NO-TOUCH', 'on'],
      ['GET', 'k'],
      ['OBJECT', 'FREQ', 'k'],
      ['APPEND', 'k', 'x'],
      ['SET', 'k', 'v2'],
      ['OBJECT', 'FREQ', 'k'],
      ['SADD', 's', 'a'],
      ['SADD', 's', 'b'],
      ['SCARD', 's'],
      ['OBJECT', 'FREQ', 's'],
      ['HSET', 'h', 'f', '1'],
      ['HINCRBY', 'h', 'f', '1'],
      ['HGET', 'h', 'f'],
      ['OBJECT', 'FREQ', 'h'],
      ['EXPIRE', 'k', '100'],
      ['OBJECT', 'FREQ', 'k'],
      ['TOUCH', 'k'],
      ['OBJECT', 'FREQ', 'k'],
      ['EVAL', "return redis.call('TOUCH', KEYS[1])", '1', 'k'],
      ['EVAL', "return redis.call('GET', KEYS[1])", '1', 'k'],
      ['OBJECT', 'FREQ', 'k'],
      ['MULTI'],
      ['TOUCH', 'k'],
      ['GET', 'k'],
      ['EXEC'],
      ['OBJECT', 'FREQ', 'k'],
      { cmd: ['GET', 'k'], conn: 'b' },
      ['OBJECT', 'FREQ', 'k'],
      ['CLIENT', 'NO-TOUCH', 'off'],
      ['GET', 'k'],
      ['SADD', 's', 'c'],
      ['OBJECT', 'FREQ', 'k'],
      ['OBJECT', 'FREQ', 's'],
    ],
  },
  {
    name: 'NO-TOUCH: a blocked command served later leaves the LFU counter alone',
    steps: [
      ...LFU,
      ['RPUSH', 'dst', 'x'],
      ['OBJECT', 'FREQ', 'dst'],
      { cmd: ['CLIENT', 'NO-TOUCH', 'on'], conn: 'b' },
      { cmd: ['BLMOVE', 'src', 'dst', 'LEFT', 'RIGHT', '0'], conn: 'b', async: true },
      ['RPUSH', 'src', 'y'],
      { await: 'b' },
      ['OBJECT', 'FREQ', 'dst'],
      ['LRANGE', 'dst', '0', '-1'],
    ],
  },
  {
    name: 'NO-TOUCH: OBJECT IDLETIME keeps counting',
    steps: [
      ['SET', 'k', 'v'],
      ['SADD', 's', 'a'],
      { advance: 1500 },
      ['CLIENT', 'NO-TOUCH', 'on'],
      ['GET', 'k'],
      ['SADD', 's', 'b'],
      idle('k'),
      idle('s'),
      ['CLIENT', 'NO-TOUCH', 'off'],
      // The accesses and the IDLETIMEs in one write: no second of Redis's LRU clock ticks between them.
      { ...pipeline(['GET', 'k'], ['SADD', 's', 'c'], ['OBJECT', 'IDLETIME', 'k'], ['OBJECT', 'IDLETIME', 's']), compare: { map: (w: Wire): Wire => (w.t === 'array' ? { t: 'array', v: w.v.map((r, i) => (i >= 2 ? IDLE.map(r) : r)) } : w) } },
    ],
  },
  {
    name: 'SETINFO: library name and version, validation',
    steps: [
      ['CLIENT', 'SETINFO', 'lib-name', 'mylib'],
      ['CLIENT', 'SETINFO', 'LIB-VER', '1.2.3'],
      CLIENT_INFO,
      ['CLIENT', 'SETINFO', 'lib-name', 'a b'],
      ['CLIENT', 'SETINFO', 'LIB-NAME', 'a\nb'],
      ['CLIENT', 'SETINFO', 'lib-ver', 'a\x7fb'],
      ['CLIENT', 'SETINFO', 'Lib-Ver', 'é'],
      ['CLIENT', 'SETINFO', 'lib-name', '(x)~{}'],
      ['CLIENT', 'SETINFO', 'foo', 'x'],
      ['CLIENT', 'SETINFO', 'foo', 'a b'],
      ['CLIENT', 'SETINFO', 'lib-name'],
      ['CLIENT', 'SETINFO', 'lib-name', 'a', 'b'],
      CLIENT_INFO,
      ['CLIENT', 'SETINFO', 'lib-name', ''],
      CLIENT_INFO,
      ['RESET'],
      CLIENT_INFO,
      { cmd: ['CLIENT', 'INFO'], conn: 'b', compare: clientInfoLines() },
    ],
  },
  {
    name: 'CLIENT INFO and LIST fields with WATCH and MULTI',
    steps: [
      ['WATCH', 'a', 'b'],
      CLIENT_INFO,
      ['MULTI'],
      ['CLIENT', 'INFO'],
      { cmd: ['EXEC'], compare: clientInfoLines() },
      ['CLIENT', 'LIST', 'USER', 'default'],
      ['CLIENT', 'LIST', 'ID', '1', 'TYPE', 'normal'],
      ['CLIENT', 'LIST', 'TYPE', 'normal', 'ID', '1'],
      ['CLIENT', 'KILL', 'MAXAGE', '0'],
      ['CLIENT', 'KILL', 'MAXAGE', 'x'],
      ['CLIENT', 'KILL', 'MAXAGE', '100000'],
      ['CLIENT', 'KILL', 'LADDR', '1.2.3.4:5', 'MAXAGE', '10'],
    ],
  },
];

runScenariosByVersion('client modes (NO-EVICT, NO-TOUCH, SETINFO)', createServer, scenarios);
