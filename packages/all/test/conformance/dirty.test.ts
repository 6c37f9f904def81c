import { runScenarios, withDirtyChecks, type Scenario } from '@fakeredis/tooling/conformance';
import { referenceEnv, runReferenceScenarios } from '@fakeredis/tooling/conformance/reference';
import { FakeServer, FakeServer72 } from '../../src/index.js';

// rdb_changes_since_last_save (Redis's server.dirty) after every write command of each
// family, including no-op and failing forms: each command adds by its own rule.
const options = { createServer: (config: Record<string, string>) => new FakeServer({ config }) };
/** DUMP of the string "v" (RDB 10). */
const DUMP_V = Buffer.from('0001760a009108ceb219388ace', 'hex');
const scenario = (name: string, steps: Scenario['steps']): Scenario => ({ name, steps: withDirtyChecks(steps), protocols: [2] });

runScenarios('rdb_changes_since_last_save', options, [
  scenario('keyspace', [
    ['SET', 'a', '1'], ['SET', 'b', '2'], ['DEL', 'a', 'b', 'c'], ['DEL', 'x'], ['SET', 'a', '1'], ['UNLINK', 'a', 'z'],
    ['SET', 'k', 'v'], ['EXPIRE', 'k', '100'], ['EXPIRE', 'k', '100', 'NX'], ['EXPIRE', 'nokey', '10'], ['PERSIST', 'k'], ['PERSIST', 'k'],
    ['PEXPIRE', 'k', '100000'], ['EXPIREAT', 'k', '1'], ['SET', 'k', 'v'], ['RENAME', 'k', 'k2'], ['RENAMENX', 'k2', 'k2'], ['RENAME', 'nokey', 'x'],
    ['SET', 'm', '1'], ['RENAMENX', 'k2', 'm'], ['COPY', 'k2', 'k3'], ['COPY', 'k2', 'k3'], ['COPY', 'k2', 'k3', 'REPLACE'], ['MOVE', 'k3', '1'], ['MOVE', 'k3', '1'],
    ['SWAPDB', '0', '1'], ['SWAPDB', '0', '1'], ['TOUCH', 'k2'], ['RPUSH', 'l', '3', '1', '2'], ['SORT', 'l', 'STORE', 'sorted'], ['SORT', 'nokey', 'STORE', 'sorted'],
    ['SELECT', '1'], ['FLUSHDB'], ['SELECT', '0'], ['FLUSHDB'], ['FLUSHDB'], ['SET', 'a', '1'], ['SET', 'b', '1'], ['FLUSHALL'], ['FLUSHALL'],
    ['MULTI'], ['SET', 'a', '1'], ['MSET', 'b', '1', 'c', '2'], ['EXEC'], ['MULTI'], ['EXEC'], ['FLUSHALL'],
    ['RESTORE', 'r', '0', DUMP_V], ['RESTORE', 'r', '0', DUMP_V], ['RESTORE', 'r', '0', DUMP_V, 'REPLACE'], ['RESTORE', 'r2', '1', DUMP_V, 'ABSTTL'],
  ]),
  scenario('strings', [
    ['SET', 's', '1'], ['SET', 's', '2', 'NX'], ['SET', 's', '2', 'XX', 'GET'], ['SETNX', 's', 'x'], ['SETEX', 's', '100', 'v'], ['PSETEX', 's', '100000', 'v'],
    ['MSET', 'a', '1', 'b', '2', 'a', '3'], ['MSETNX', 'c', '1', 'd', '2'], ['MSETNX', 'c', '1', 'e', '2'], ['INCR', 'n'], ['INCRBY', 'n', '5'], ['DECR', 'n'],
    ['DECRBY', 'n', '2'], ['INCRBYFLOAT', 'n', '1.5'], ['INCR', 's'], ['APPEND', 's', 'x'], ['APPEND', 'new', ''], ['SETRANGE', 's', '0', 'y'], ['SETRANGE', 's', '0', ''],
    ['SETRANGE', 'none', '0', ''], ['GETSET', 's', 'z'], ['GETDEL', 's'], ['GETDEL', 's'], ['SET', 's', 'v'], ['GETEX', 's', 'EX', '100'], ['GETEX', 's'], ['GETEX', 's', 'PERSIST'],
    ['SETBIT', 'bits', '7', '1'], ['SETBIT', 'bits', '7', '1'], ['BITOP', 'AND', 'dst', 'bits', 'nokey'], ['BITOP', 'OR', 'dst', 'nokey', 'nokey2'],
    ['BITFIELD', 'bf', 'SET', 'u8', '0', '255', 'INCRBY', 'u8', '0', '1', 'GET', 'u8', '0'], ['BITFIELD', 'bf', 'OVERFLOW', 'FAIL', 'INCRBY', 'u8', '0', '300'],
    ['SETRANGE', 'newr', '2', 'ab'], ['INCRBYFLOAT', 'newf', '1.5'], ['GETSET', 'newg', 'v'], ['SET', 'newg', 'v', 'GET'], ['SETNX', 'news', 'v'], ['APPEND', 'newa', 'x'],
    ['BITFIELD', 'newbf', 'INCRBY', 'u8', '0', '1'], ['MSETNX', 'newm1', '1', 'newm2', '2'], ['INCRBY', 'newi', '2'],
    ['PFADD', 'hll', 'a', 'b', 'c'], ['PFADD', 'hll', 'a'], ['PFADD', 'hll2'], ['PFCOUNT', 'hll'], ['PFCOUNT', 'hll'], ['PFMERGE', 'hll3', 'hll', 'hll2'], ['LCS', 'a', 'b'],
  ]),
  scenario('hashes', [
    ['HSET', 'h', 'a', '1', 'b', '2', 'c', '3'], ['HSET', 'h', 'a', '1'], ['HMSET', 'h', 'a', '1', 'd', '4'], ['HSETNX', 'h', 'a', 'x'], ['HSETNX', 'h', 'z', 'x'],
    ['HDEL', 'h', 'a', 'b', 'nofield'], ['HDEL', 'h', 'nofield'], ['HDEL', 'nokey', 'f'], ['HINCRBY', 'h', 'n', '2'], ['HINCRBYFLOAT', 'h', 'n', '1.5'], ['HINCRBY', 'h', 'z', '1'],
    ['HDEL', 'h', 'c', 'd', 'z', 'n'], ['HSETNX', 'new1', 'f', 'v'], ['HINCRBY', 'new2', 'f', '1'], ['HINCRBYFLOAT', 'new3', 'f', '1.5'], ['HINCRBY', 'new2', 'f', 'x'],
  ]),
  scenario('lists', [
    ['LPUSH', 'l', 'a', 'b', 'c'], ['RPUSH', 'l', 'd', 'e'], ['LPUSHX', 'l', 'x', 'y'], ['RPUSHX', 'nokey', 'x'], ['LPOP', 'l'], ['RPOP', 'l', '2'], ['LPOP', 'nokey'],
    ['LINSERT', 'l', 'BEFORE', 'b', 'n'], ['LINSERT', 'l', 'BEFORE', 'nope', 'n'], ['LSET', 'l', '0', 'z'], ['LSET', 'l', '100', 'z'], ['RPUSH', 'l', 'b', 'b', 'b'],
    ['LREM', 'l', '0', 'b'], ['LREM', 'l', '0', 'nope'], ['RPUSH', 'l', '1', '2', '3', '4'], ['LTRIM', 'l', '1', '-2'], ['LTRIM', 'l', '0', '-1'], ['LMOVE', 'l', 'l2', 'LEFT', 'RIGHT'],
    ['RPOPLPUSH', 'l', 'l'], ['LMPOP', '2', 'nokey', 'l', 'LEFT', 'COUNT', '2'], ['BLPOP', 'l', '0'], ['BLMPOP', '1', '1', 'l2', 'RIGHT', 'COUNT', '5'], ['LTRIM', 'l', '5', '1'],
  ]),
  scenario('sets', [
    ['SADD', 's', 'a', 'b', 'c'], ['SADD', 's', 'a', 'd'], ['SADD', 's', 'a'], ['SREM', 's', 'a', 'x'], ['SREM', 's', 'x'], ['SMOVE', 's', 't', 'b'], ['SMOVE', 's', 't', 'x'],
    ['SADD', 't', 'c'], ['SMOVE', 's', 't', 'c'], ['SADD', 's', '1', '2', '3', '4'], { cmd: ['SPOP', 's'], compare: 'none' as const }, { cmd: ['SPOP', 's', '2'], compare: 'none' as const }, { cmd: ['SPOP', 's', '100'], compare: 'none' as const }, ['SCARD', 's'], { cmd: ['SPOP', 's', '1'], compare: 'unordered' as const },
    ['SADD', 'a', '1', '2'], ['SADD', 'b', '2', '3'], ['SINTERSTORE', 'd', 'a', 'b'], ['SUNIONSTORE', 'd', 'a', 'b'], ['SDIFFSTORE', 'd', 'a', 'b'], ['SINTERSTORE', 'd', 'a', 'nokey'],
    ['SINTERSTORE', 'd', 'a', 'nokey'], ['SMOVE', 'a', 'newset', '1'], ['SINTERCARD', '1', 'a'],
  ]),
  scenario('zsets', [
    ['ZADD', 'z', '1', 'a', '2', 'b'], ['ZADD', 'z', '1', 'a', '3', 'b', '4', 'c'], ['ZADD', 'z', 'NX', '5', 'a'], ['ZADD', 'z', 'INCR', '1', 'a'], ['ZINCRBY', 'z', '1', 'q'],
    ['ZREM', 'z', 'a', 'x'], ['ZREM', 'z', 'x'], ['ZADD', 'z', '1', 'm', '2', 'n', '3', 'o'], ['ZREMRANGEBYSCORE', 'z', '1', '2'], ['ZREMRANGEBYRANK', 'z', '0', '0'],
    ['ZREMRANGEBYLEX', 'z', '-', '+'], ['ZADD', 'z', '1', 'a', '2', 'b', '3', 'c'], ['ZPOPMIN', 'z'], ['ZPOPMAX', 'z', '5'], ['ZPOPMIN', 'z'], ['ZADD', 'y', '1', 'a', '2', 'b'],
    ['ZUNIONSTORE', 'd', '1', 'y'], ['ZINTERSTORE', 'd', '2', 'y', 'nokey'], ['ZINTERSTORE', 'd', '2', 'y', 'nokey'], ['ZRANGESTORE', 'd', 'y', '0', '-1'], ['ZDIFFSTORE', 'd', '1', 'y'],
    ['ZMPOP', '1', 'y', 'MIN', 'COUNT', '5'], ['BZPOPMIN', 'd', '0'], ['ZINCRBY', 'newz', '1', 'm'], ['ZADD', 'newz2', 'GT', 'CH', '1', 'm'], ['ZADD', 'newz2', 'XX', '1', 'q'],
  ]),
  scenario('geo', [
    ['GEOADD', 'g', '13.361389', '38.115556', 'Palermo', '15.087269', '37.502669', 'Catania'], ['GEOADD', 'g', 'XX', 'CH', '13.361389', '38.115556', 'Palermo'],
    ['GEOADD', 'g', 'CH', '13.4', '38.1', 'Palermo', '12', '37', 'X'], ['GEORADIUS', 'g', '15', '37', '200', 'km', 'STORE', 'dst'], ['GEORADIUS', 'g', '0', '0', '1', 'km', 'STORE', 'dst'],
    ['GEOSEARCHSTORE', 'dst', 'g', 'FROMLONLAT', '15', '37', 'BYRADIUS', '400', 'km'], ['GEOSEARCHSTORE', 'dst', 'g', 'FROMLONLAT', '0', '0', 'BYRADIUS', '1', 'km'],
  ]),
  scenario('streams', [
    ['XADD', 'x', '1-0', 'f', 'v'], ['XADD', 'x', '2-0', 'f', 'v'], ['XADD', 'x', '1-0', 'f', 'v'], ['XADD', 'x', 'NOMKSTREAM', '3-0', 'f', 'v'], ['XADD', 'nokey', 'NOMKSTREAM', '*', 'f', 'v'],
    ['XADD', 'x', '5-0', 'f', 'v'], ['XADD', 'x', '6-0', 'f', 'v'], ['XDEL', 'x', '1-0', '2-0', '9-9'], ['XTRIM', 'x', 'MAXLEN', '1'], ['XTRIM', 'x', 'MAXLEN', '1'],
    ['XGROUP', 'CREATE', 'x', 'g', '0'], ['XGROUP', 'CREATE', 'x', 'g', '0'], ['XGROUP', 'CREATECONSUMER', 'x', 'g', 'c'], ['XGROUP', 'CREATECONSUMER', 'x', 'g', 'c'],
    ['XREADGROUP', 'GROUP', 'g', 'c2', 'STREAMS', 'x', '>'], ['XREADGROUP', 'GROUP', 'g', 'c2', 'STREAMS', 'x', '>'], ['XACK', 'x', 'g', '6-0', '7-0'], ['XACK', 'x', 'g', '6-0'],
    ['XGROUP', 'SETID', 'x', 'g', '0'], ['XREADGROUP', 'GROUP', 'g', 'c', 'STREAMS', 'x', '>'], ['XCLAIM', 'x', 'g', 'c3', '0', '6-0'], ['XAUTOCLAIM', 'x', 'g', 'c4', '0', '0'],
    ['XSETID', 'x', '10-0'], ['XGROUP', 'DELCONSUMER', 'x', 'g', 'c'], ['XGROUP', 'DESTROY', 'x', 'g'], ['XGROUP', 'DESTROY', 'x', 'g'],
  ]),
  scenario('scripting', [
    ['EVAL', "redis.call('set','a','1'); redis.call('hset','h','a','1','b','2'); return 1", '0'], ['EVAL', "redis.call('sadd','s','a'); return redis.call('sadd','s','a')", '0'],
    ['EVAL', "return redis.call('get','a')", '0'], ['EVAL', "redis.call('set','b','1'); return redis.call('incr','a','x')", '0'], ['SCRIPT', 'LOAD', 'return 1'], ['SCRIPT', 'FLUSH'],
    ['FUNCTION', 'LOAD', "#!lua name=lib\nredis.register_function('f', function(keys, args) return redis.call('hset', keys[1], 'a', '1', 'b', '2') end)"],
    ['FCALL', 'f', '1', 'fh'], ['FUNCTION', 'DELETE', 'lib'], ['FUNCTION', 'DELETE', 'lib'], ['FUNCTION', 'FLUSH'],
  ]),
  scenario('pubsub and server', [
    ['PUBLISH', 'ch', 'm'], ['CONFIG', 'SET', 'maxmemory-policy', 'noeviction'], ['CLIENT', 'SETNAME', 'x'], ['ECHO', 'x'], ['PING'],
  ]),
]);

// A blocked client served later: Redis 7.0 serves BLPOP, BRPOP, BLMOVE and BRPOPLPUSH in
// blocked.c without counting a change (BLMPOP, BZPOPMIN, BZMPOP and XREADGROUP count theirs);
// 7.2 runs the command again, which counts as it does.
const blockedServed = scenario('blocked clients served', [
  { cmd: ['BLPOP', 'bl', '0'], conn: 'b', async: true }, ['LPUSH', 'bl', 'x', 'y'], { await: 'b' },
  { cmd: ['BRPOP', 'br', '0'], conn: 'b', async: true }, ['RPUSH', 'br', 'x'], { await: 'b' },
  { cmd: ['BLMOVE', 'bm', 'bm2', 'LEFT', 'RIGHT', '0'], conn: 'b', async: true }, ['RPUSH', 'bm', 'x'], { await: 'b' },
  { cmd: ['BRPOPLPUSH', 'bm3', 'bm4', '0'], conn: 'b', async: true }, ['RPUSH', 'bm3', 'x'], { await: 'b' },
  { cmd: ['BLMPOP', '0', '1', 'bp', 'LEFT', 'COUNT', '2'], conn: 'b', async: true }, ['RPUSH', 'bp', 'x', 'y', 'z'], { await: 'b' },
  { cmd: ['BZPOPMIN', 'bz', '0'], conn: 'b', async: true }, ['ZADD', 'bz', '1', 'a', '2', 'b'], { await: 'b' },
  { cmd: ['BZPOPMAX', 'bz2', '0'], conn: 'b', async: true }, ['ZADD', 'bz2', '1', 'a'], { await: 'b' },
  { cmd: ['BZMPOP', '0', '1', 'bz3', 'MIN', 'COUNT', '2'], conn: 'b', async: true }, ['ZADD', 'bz3', '1', 'a', '2', 'b', '3', 'c'], { await: 'b' },
  { cmd: ['BLPOP', 'k1', 'k2', '0'], conn: 'b', async: true }, ['MULTI'], ['RPUSH', 'k2', 'a'], ['RPUSH', 'k2', 'b'], ['EXEC'], { await: 'b' },
  ['XGROUP', 'CREATE', 'bx', 'g', '$', 'MKSTREAM'],
  { cmd: ['XREADGROUP', 'GROUP', 'g', 'newconsumer', 'BLOCK', '0', 'STREAMS', 'bx', '>'], conn: 'b', async: true }, ['XADD', 'bx', '1-0', 'f', 'v'], { await: 'b' },
  { cmd: ['XREADGROUP', 'GROUP', 'g', 'newconsumer', 'BLOCK', '0', 'STREAMS', 'bx', '>'], conn: 'b', async: true }, ['XADD', 'bx', '2-0', 'f', 'v'], { await: 'b' },
  { cmd: ['XREAD', 'BLOCK', '0', 'STREAMS', 'bx', '$'], conn: 'b', async: true }, ['XADD', 'bx', '3-0', 'f', 'v'], { await: 'b' },
]);
runScenarios('rdb_changes_since_last_save of served blocked clients', options, [blockedServed]);
runReferenceScenarios(referenceEnv('redis', '7.2'), 'rdb_changes_since_last_save of served blocked clients', { createServer: (config) => new FakeServer72({ config }) }, [blockedServed]);
runReferenceScenarios(referenceEnv('redis', '7.4'), 'rdb_changes_since_last_save of served blocked clients', { createServer: (config) => new FakeServer({ config, version: '7.4' }) }, [blockedServed]);
runReferenceScenarios(referenceEnv('valkey', '8.0'), 'rdb_changes_since_last_save of served blocked clients', { createServer: (config) => new FakeServer({ config, serverType: 'valkey', version: '8.0' }) }, [blockedServed]);
runReferenceScenarios(referenceEnv('keydb', '6.3'), 'rdb_changes_since_last_save of served blocked clients', { createServer: (config) => new FakeServer({ config, serverType: 'keydb', version: '6.3' }) }, [
  scenario('blocked lists served', [
    { cmd: ['BLPOP', 'bl', '0'], conn: 'b', async: true }, ['LPUSH', 'bl', 'x', 'y'], { await: 'b' },
    { cmd: ['BLMOVE', 'bm', 'bm2', 'LEFT', 'RIGHT', '0'], conn: 'b', async: true }, ['RPUSH', 'bm', 'x'], { await: 'b' },
    { cmd: ['BZPOPMIN', 'bz', '0'], conn: 'b', async: true }, ['ZADD', 'bz', '1', 'a', '2', 'b'], { await: 'b' },
  ]),
]);
