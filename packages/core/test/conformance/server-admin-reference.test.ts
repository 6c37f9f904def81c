import { HashCommands } from '@fakeredis/hashes';
import { ListCommands } from '@fakeredis/lists';
import { SetCommands } from '@fakeredis/sets';
import { SortedSetCommands } from '@fakeredis/zsets';
import { MONITOR_LINES, type Step } from '@fakeredis/tooling/conformance';
import { referenceEnv, runReferenceScenarios } from '@fakeredis/tooling/conformance/reference';
import { FakeServer, serverProfile } from '../../src/index.js';
import { serverMixins } from '../server/fixtures.js';

// MONITOR, CLIENT PAUSE, DEBUG DIGEST and MODULE against a locally built Redis 7.2 / 7.4 when
// FAKEREDIS_REDIS_7_2 / FAKEREDIS_REDIS_7_4 name one (skipped otherwise): 7.2 digests sorted-set
// scores in fpconv's shortest form and drops an UNBLOCK ... ERROR'd paused command.
const mixins = [...serverMixins, ListCommands, SetCommands, SortedSetCommands, HashCommands];
const lines: Step = { messages: 'm', compare: MONITOR_LINES };

for (const version of ['7.2', '7.4']) {
  const options = {
    createServer: (config: Record<string, string>) =>
      new FakeServer({ mixins, profile: serverProfile('redis', version), config: { ...config, 'enable-debug-command': 'yes', save: '', appendonly: 'no' } }),
    realServerArgs: ['--enable-debug-command', 'yes'],
  };
  runReferenceScenarios(referenceEnv('redis', version), `server admin commands on redis ${version}`, options, [
    { name: 'DEBUG DIGEST-VALUE of every type (scores in the shortest form)', steps: [
      ['SET', 's', 'v'], ['RPUSH', 'l', 'a', 'b'], ['SADD', 'st', 'x', 'y', '1'], ['ZADD', 'z', '0.1', 'a', '1e20', 'b', '-2.5', 'c'], ['HSET', 'h', 'f', 'v'],
      ['DEBUG', 'DIGEST-VALUE', 's', 'l', 'st', 'z', 'h'], ['DEBUG', 'DIGEST'], ['DEBUG', 'PROTOCOL', 'double'], ['DEBUG', 'PROTOCOL', 'attrib'],
    ] },
    { name: 'MONITOR lines, MULTI/EXEC and AUTH redaction', steps: [
      { cmd: ['MONITOR'], conn: 'm' }, ['SET', 'k', 'a b"c'], ['MULTI'], ['INCR', 'n'], ['EXEC'], ['AUTH', 'default', 'pw'], ['CONFIG', 'GET', 'hz'], lines,
    ] },
    { name: 'CLIENT PAUSE WRITE and UNPAUSE', steps: [
      { cmd: ['CLIENT', 'PAUSE', '100000', 'WRITE'], conn: 'p' }, { cmd: ['SET', 'x', '1'], conn: 'a', async: true }, { cmd: ['GET', 'x'], conn: 'b' },
      { cmd: ['CLIENT', 'UNPAUSE'], conn: 'p' }, { await: 'a' }, { cmd: ['GET', 'x'], conn: 'b' },
    ] },
    { name: 'MODULE LIST and HELP', steps: [['MODULE', 'LIST'], ['MODULE', 'HELP']] },
  ]);
}
