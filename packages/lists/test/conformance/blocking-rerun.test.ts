import { FakeServer } from '@fakeredis/core';
import { type Step } from '@fakeredis/tooling/conformance';
import { runScenariosByVersion } from '@fakeredis/tooling/conformance/reference';
import { mixins } from './server.js';

const blocked = (cmd: string[]): Step => ({ cmd, conn: 'a', async: true });
const on = (...cmd: string[]): Step => ({ cmd, conn: 'b' });

// A transaction makes a later key ready before an earlier one. Redis 7.0 serves the waiting
// client from the key that woke it; from 7.2 the command runs again, so it pops from the
// first key in argument order that can serve, or fails as the command would (WRONGTYPE).
runScenariosByVersion('lists: a woken blocking pop runs again from 7.2', (config, profile) => new FakeServer({ mixins, config, profile }), [
  { name: 'BLPOP, BRPOP and BLMPOP woken by a transaction that pushes the second key first', events: true, steps: [
    blocked(['BLPOP', 'k1', 'k2', '0']), on('MULTI'), on('RPUSH', 'k2', 'a'), on('RPUSH', 'k1', 'b'), on('EXEC'), { await: 'a' },
    blocked(['BRPOP', 'k1', 'k2', '0']), on('MULTI'), on('RPUSH', 'k2', 'c'), on('RPUSH', 'k1', 'd'), on('EXEC'), { await: 'a' },
    blocked(['BLMPOP', '0', '2', 'k1', 'k2', 'LEFT', 'COUNT', '5']), on('MULTI'), on('RPUSH', 'k2', 'e', 'f'), on('RPUSH', 'k1', 'g', 'h'), on('EXEC'), { await: 'a' },
    on('LRANGE', 'k1', '0', '-1'), on('LRANGE', 'k2', '0', '-1'),
  ] },
  { name: 'BLPOP woken on its second key while its first holds a string', events: true, steps: [
    on('CONFIG', 'RESETSTAT'), blocked(['BLPOP', 'k1', 'k2', '0']), on('MULTI'), on('SET', 'k1', 'x'), on('RPUSH', 'k2', 'a'), on('EXEC'), { await: 'a' },
    on('LRANGE', 'k2', '0', '-1'), on('INFO', 'errorstats'),
  ] },
], ['7.2', '7.4', '8.0', '8.6', 'valkey 8.0', 'keydb 6.3']);
