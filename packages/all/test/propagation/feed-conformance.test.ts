import { describePropagationCases, type PropagationCase, redisServerAvailable } from '@fakeredis/tooling/conformance';
import { FakeServer } from '../../src/index.js';

// What every module's commands propagate (their own rules: SET EX as SET PXAT, SPOP as
// SREM, blocking pops as their plain forms, scripts as their effects ...), compared with
// the AOF redis-server 7.0.15 writes for the same commands.
const cases: PropagationCase[] = [
  {
    name: 'strings: expiries as SET PXAT / PEXPIREAT, SET GET without GET, GETSET as SET, GETDEL as DEL, INCRBYFLOAT as SET KEEPTTL',
    steps: [
      ['SET', 'a', '1', 'EX', '100'], ['set', 'b', '2', 'px', '100000', 'NX'], ['SETEX', 'c', '100', 'v'], ['PSETEX', 'd', '100000', 'v'],
      ['SET', 'e', '1', 'EXAT', '99999999999'], ['SET', 'f', '1', 'GET'], ['SET', 'f', '2', 'XX', 'GET', 'KEEPTTL'], ['SET', 'a', 'x', 'NX'],
      ['GETSET', 'f', '3'], ['GETEX', 'a', 'EX', '50'], ['GETEX', 'a', 'PERSIST'], ['GETEX', 'a', 'PERSIST'], ['GETEX', 'a'],
      ['GETEX', 'b', 'PXAT', '1'], ['GETDEL', 'e'], ['GETDEL', 'e'], ['INCRBYFLOAT', 'n', '1.5'], ['INCRBYFLOAT', 'n', '1e3'],
      ['CONFIG', 'SET', 'lazyfree-lazy-user-del', 'yes'], ['GETDEL', 'c'], ['CONFIG', 'SET', 'lazyfree-lazy-user-del', 'no'],
      ['SETNX', 'g', '1'], ['SETNX', 'g', '1'], ['MSET', 'h', '1', 'i', '2'], ['APPEND', 'h', 'x'], ['INCR', 'i'], ['SETRANGE', 'h', '0', ''],
    ],
  },
  {
    name: 'lists: LMPOP and BLMPOP as LPOP / RPOP with the count popped, blocking commands that pop at once as plain ones',
    steps: [
      ['RPUSH', 'l', '1', '2', '3', '4', '5'], ['LMPOP', '2', 'none', 'l', 'LEFT', 'COUNT', '2'], ['BLMPOP', '0', '1', 'l', 'right', 'COUNT', '9'],
      ['RPUSH', 'l', 'a', 'b', 'c'], ['BLPOP', 'x', 'l', '0'], ['BRPOP', 'l', '0'], ['BLMOVE', 'l', 'm', 'left', 'RIGHT', '0'],
      ['RPUSH', 'l', 'z'], ['BRPOPLPUSH', 'l', 'm', '0'], ['LMOVE', 'm', 'l', 'LEFT', 'LEFT'], ['RPOPLPUSH', 'l', 'm'], ['LPOP', 'none'],
    ],
  },
  {
    name: 'lists: clients blocked and served later propagate the plain form after the push',
    steps: [
      { c: 1, cmd: ['BLPOP', 'q', '0'], wait: false }, { sleep: 50 }, ['RPUSH', 'q', 'a', 'b'], { await: 1 },
      { c: 1, cmd: ['BLMPOP', '0', '1', 'q', 'RIGHT', 'COUNT', '5'], wait: false }, { sleep: 50 }, ['RPUSH', 'q', 'c', 'd'], { await: 1 },
      { c: 1, cmd: ['BLMOVE', 'q', 'dst', 'left', 'right', '0'], wait: false }, { sleep: 50 }, ['LPUSH', 'q', 'e'], { await: 1 },
      { c: 1, cmd: ['BRPOPLPUSH', 'q', 'dst', '0'], wait: false }, { sleep: 50 }, ['LPUSH', 'q', 'f'], { await: 1 },
      { c: 1, cmd: ['SELECT', '5'] }, { c: 1, cmd: ['BRPOP', 'q', '0'], wait: false }, { sleep: 50 }, ['SELECT', '5'], ['RPUSH', 'q', 'g'], { await: 1 }, ['SELECT', '0'],
    ],
  },
  {
    name: 'sets: SPOP as SREM (several wrapped), a count taking the whole set as DEL',
    steps: [
      ['SADD', 's', 'a'], ['SPOP', 's'], ['SADD', 's', 'x'], ['SPOP', 's', '5'], ['SADD', 't', '1'], ['SPOP', 't', '1'], ['SPOP', 'none'], ['SPOP', 'none', '3'],
      ['SADD', 'u', '1', '2'], ['SPOP', 'u', '0'], ['SADD', 'u', '1'], ['SREM', 'u', '9'], ['SMOVE', 'u', 'v', '1'],
    ],
  },
  {
    name: 'sorted sets: ZMPOP and BZMPOP as ZPOPMIN / ZPOPMAX with the count popped, BZPOPMIN as ZPOPMIN',
    steps: [
      ['ZADD', 'z', '1', 'a', '2', 'b', '3', 'c', '4', 'd'], ['ZMPOP', '1', 'z', 'MIN', 'COUNT', '2'], ['BZMPOP', '0', '2', 'y', 'z', 'max'],
      ['BZPOPMIN', 'z', '0'], ['ZADD', 'z', '5', 'e'], ['BZPOPMAX', 'z', '0'], ['ZPOPMIN', 'z', '3'], ['ZADD', 'z', 'INCR', '1', 'q'], ['ZINCRBY', 'z', '2', 'q'],
      { c: 1, cmd: ['BZPOPMIN', 'w', '0'], wait: false }, { sleep: 50 }, ['ZADD', 'w', '1', 'a'], { await: 1 },
      { c: 1, cmd: ['BZMPOP', '0', '1', 'w', 'MAX', 'COUNT', '3'], wait: false }, { sleep: 50 }, ['ZADD', 'w', '1', 'a', '2', 'b'], { await: 1 },
    ],
  },
  { name: 'hashes: HINCRBYFLOAT as HSET of the result', steps: [['HSET', 'h', 'f', '1'], ['HINCRBYFLOAT', 'h', 'f', '2.5'], ['HINCRBYFLOAT', 'h', 'g', '1e2'], ['HSETNX', 'h', 'f', '1'], ['HDEL', 'h', 'x']] },
  {
    name: 'scripts: their effects, wrapped when several; a script that writes nothing propagates nothing',
    steps: [
      ['EVAL', "redis.call('set','k1','v'); redis.call('incr','n'); return 1", '0'], ['EVAL', "redis.call('set','k2','v'); return 1", '0'],
      ['EVAL', "return redis.call('get','k2')", '0'], ['EVAL', "redis.call('set','k3','v','ex','10'); redis.call('spop', 'nos'); return 1", '0'],
      ['EVAL', "redis.call('select', 3); redis.call('set','x','1'); return 1", '0'],
      ['MULTI'], ['EVAL', "redis.call('set','k4','v'); return 1", '0'], ['SET', 'k5', 'v'], ['EXEC'],
    ],
  },
  {
    name: 'functions: FUNCTION LOAD / DELETE / FLUSH as sent, FCALL as its effects',
    steps: [
      ['FUNCTION', 'LOAD', "#!lua name=plib\nredis.register_function('pf', function(keys, args) return redis.call('set', keys[1], args[1]) end)"],
      ['FCALL', 'pf', '1', 'fk', 'fv'], ['FUNCTION', 'DELETE', 'plib'], ['FUNCTION', 'DELETE', 'plib'], ['FUNCTION', 'FLUSH'],
    ],
  },
  {
    name: 'streams: XADD with its generated id, approximate trims made exact',
    steps: [
      ['CONFIG', 'SET', 'stream-node-max-entries', '2'], ['XADD', 's', '1-1', 'a', '1'], ['XADD', 's', '5-*', 'a', '2'], ['XADD', 's', '7-1', 'a', '3'],
      ['XADD', 's', '99999999999999', 'a', '4'], ['XADD', 's', 'MAXLEN', '~', '2', '*', 'b', '1'], ['XADD', 's', 'NOMKSTREAM', 'MINID', '~', '6', 'LIMIT', '10', '*', 'c', '1'],
      ['XADD', 'none', 'NOMKSTREAM', '*', 'a', '1'], ['XTRIM', 's', 'MAXLEN', '~', '1'], ['XTRIM', 's', 'MAXLEN', '=', '1'], ['XTRIM', 's', 'MAXLEN', '~', '100'],
      ['XADD', 's', '*', 'z', '1'], ['XADD', 't', 'MAXLEN', '=', '1', '1-1', 'a', '1'], ['XDEL', 't', '1-1'], ['XSETID', 't', '5-5'],
      ['XGROUP', 'CREATE', 'u', 'g', '$', 'MKSTREAM'], ['XGROUP', 'CREATE', 't', 'g', '0'], ['XGROUP', 'CREATE', 't', 'g', '0'], ['XGROUP', 'SETID', 't', 'g', '$'],
      ['XGROUP', 'CREATECONSUMER', 't', 'g', 'c'], ['XGROUP', 'CREATECONSUMER', 't', 'g', 'c'], ['XGROUP', 'DELCONSUMER', 't', 'g', 'c'],
      ['XGROUP', 'DESTROY', 't', 'g'], ['XGROUP', 'DESTROY', 't', 'g'], ['XACK', 't', 'nog', '1-1'], ['CONFIG', 'SET', 'stream-node-max-entries', '100'],
    ],
  },
  {
    name: 'streams: XREADGROUP as XCLAIMs (NOACK as XGROUP SETID), XCLAIM and XAUTOCLAIM as XCLAIMs',
    steps: [
      ['XADD', 's', '1-1', 'a', '1'], ['XADD', 's', '2-1', 'b', '2'], ['XADD', 's', '3-1', 'c', '3'], ['XGROUP', 'CREATE', 's', 'g', '0'],
      ['XREADGROUP', 'GROUP', 'g', 'alice', 'COUNT', '2', 'STREAMS', 's', '>'], ['XREADGROUP', 'GROUP', 'g', 'alice', 'STREAMS', 's', '0'],
      ['XREADGROUP', 'GROUP', 'g', 'bob', 'NOACK', 'STREAMS', 's', '>'], ['XREADGROUP', 'GROUP', 'g', 'bob', 'STREAMS', 's', '>'],
      ['XCLAIM', 's', 'g', 'carol', '0', '1-1', '2-1'], ['XCLAIM', 's', 'g', 'dave', '0', '1-1', 'JUSTID'], ['XACK', 's', 'g', '2-1'],
      ['XAUTOCLAIM', 's', 'g', 'erin', '0', '0-0'], ['XDEL', 's', '1-1'], ['XAUTOCLAIM', 's', 'g', 'frank', '0', '0-0', 'JUSTID'],
      ['XADD', 's', '9-1', 'x', '1'], ['XREADGROUP', 'GROUP', 'g', 'hank', 'STREAMS', 's', '>'], ['XDEL', 's', '9-1'], ['XCLAIM', 's', 'g', 'ivy', '0', '9-1', '8'],
      ['XCLAIM', 's', 'g', 'ivy', '0', '3-1', 'LASTID', '20-1'],
      { c: 1, cmd: ['XREADGROUP', 'GROUP', 'g', 'gina', 'BLOCK', '0', 'STREAMS', 's', '>'], wait: false }, { sleep: 50 }, ['XADD', 's', '21-1', 'd', '4'], { await: 1 },
    ],
  },
  {
    name: 'geo: GEOADD as zadd with the geohash scores; GEOSEARCHSTORE as sent',
    steps: [
      ['GEOADD', 'g', '13.361389', '38.115556', 'Palermo', '15.087269', '37.502669', 'Catania'], ['GEOADD', 'g', 'NX', 'CH', '13.361389', '38.115556', 'Palermo'],
      ['GEOADD', 'g', 'XX', 'CH', '13.5', '38.1', 'Palermo', '1', '1', 'x'], ['GEOSEARCHSTORE', 'd', 'g', 'FROMLONLAT', '15', '37', 'BYRADIUS', '200', 'km', 'ASC'],
    ],
  },
  { name: 'PUBLISH is not in the AOF', steps: [['PUBLISH', 'ch', 'm'], ['SET', 'p', '1']] },
];

describePropagationCases('propagation feed vs redis-server AOF (modules)', cases, () => new FakeServer({ config: { 'enable-debug-command': 'yes' } }), { skip: !redisServerAvailable() });
