import { FakeServer } from '@fakeredis/core';
import { type Step } from '@fakeredis/tooling/conformance';
import { runScenariosByVersion } from '@fakeredis/tooling/conformance/reference';
import { mixins } from './server.js';

const blocked = (cmd: string[]): Step => ({ cmd, conn: 'a', async: true });
const on = (...cmd: string[]): Step => ({ cmd, conn: 'b' });

// As the lists' blocking-rerun scenarios: Redis 7.0 serves from the key that woke the client,
// 7.2+ runs the command again (first key in argument order, or WRONGTYPE).
runScenariosByVersion('zsets: a woken blocking pop runs again from 7.2', (config, profile) => new FakeServer({ mixins, config, profile }), [
  { name: 'BZPOPMIN, BZPOPMAX and BZMPOP woken by a transaction that adds to the second key first', events: true, steps: [
    blocked(['BZPOPMIN', 'z1', 'z2', '0']), on('MULTI'), on('ZADD', 'z2', '1', 'a'), on('ZADD', 'z1', '2', 'b'), on('EXEC'), { await: 'a' },
    blocked(['BZPOPMAX', 'z1', 'z2', '0']), on('MULTI'), on('ZADD', 'z2', '3', 'c'), on('ZADD', 'z1', '4', 'd'), on('EXEC'), { await: 'a' },
    blocked(['BZMPOP', '0', '2', 'z1', 'z2', 'MIN', 'COUNT', '5']), on('MULTI'), on('ZADD', 'z2', '5', 'e', '6', 'f'), on('ZADD', 'z1', '7', 'g'), on('EXEC'), { await: 'a' },
    on('ZRANGE', 'z1', '0', '-1', 'WITHSCORES'), on('ZRANGE', 'z2', '0', '-1', 'WITHSCORES'),
  ] },
  { name: 'BZPOPMIN woken on its second key while its first holds a list', events: true, steps: [
    on('CONFIG', 'RESETSTAT'), blocked(['BZPOPMIN', 'z1', 'z2', '0']), on('MULTI'), on('RPUSH', 'z1', 'x'), on('ZADD', 'z2', '1', 'a'), on('EXEC'), { await: 'a' },
    on('ZRANGE', 'z2', '0', '-1'), on('INFO', 'errorstats'),
  ] },
], ['7.2', '7.4', '8.0', '8.6', 'valkey 8.0', 'keydb 6.3']);
