import { ListCommands } from '@fakeredis/lists';
import { SortedSetCommands } from '@fakeredis/zsets';
import { StreamCommands } from '@fakeredis/streams';
import { runScenarios } from '@fakeredis/tooling/conformance';
import { serverForConformance, serverMixins } from '../server/fixtures.js';

const mixins = [...serverMixins, ListCommands, SortedSetCommands, StreamCommands];
const options = { createServer: (config: Record<string, string>) => serverForConformance(config, mixins) };

// SWAPDB and clients blocked on keys: a swap that brings a waited-on key into the blocked
// client's database serves it (scanDatabaseForReadyKeys), in either direction.
runScenarios('keyspace: SWAPDB with blocked clients', options, [
  { name: 'a swapped-in list serves BLPOP; a swapped-out one does not', steps: [
    { cmd: ['BLPOP', 'l', '0'], conn: 'b', async: true }, ['SELECT', '1'], ['RPUSH', 'l', 'x', 'y'], ['SWAPDB', '0', '1'], { await: 'b' },
    ['LRANGE', 'l', '0', '-1'], ['SELECT', '0'], ['LRANGE', 'l', '0', '-1'],
    { cmd: ['SELECT', '2'], conn: 'c' }, { cmd: ['BLPOP', 'm', '0'], conn: 'c', async: true }, ['RPUSH', 'other', 'z'], ['SWAPDB', '2', '5'], ['SELECT', '5'], ['RPUSH', 'm', 'v'], ['SWAPDB', '5', '2'],
    { await: 'c' }, ['SELECT', '2'], ['EXISTS', 'm'],
  ] },
  { name: 'BZPOPMIN and XREAD BLOCK are served by a swap too', steps: [
    { cmd: ['BZPOPMIN', 'z', '0'], conn: 'b', async: true }, { cmd: ['XREAD', 'BLOCK', '0', 'STREAMS', 's', '$'], conn: 'c', async: true },
    ['SELECT', '3'], ['ZADD', 'z', '1', 'a'], ['XADD', 's', '1-1', 'f', 'v'], ['SWAPDB', '3', '0'], { await: 'b' }, { await: 'c' },
  ] },
  { name: 'a swap that brings a key of the wrong type keeps the client waiting', steps: [
    { cmd: ['BLPOP', 'k', '1'], conn: 'b', async: true }, ['SELECT', '4'], ['SET', 'k', 'str'], ['SWAPDB', '4', '0'], { await: 'b' },
  ] },
]);
