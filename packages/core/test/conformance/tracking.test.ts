import { runScenarios as run70, type Scenario } from '@fakeredis/tooling/conformance';
import { referenceEnv, runReferenceScenarios } from '@fakeredis/tooling/conformance/reference';
import { coreMixins, FakeServer, serverProfile } from '../../src/index.js';

// Client-side caching (CLIENT TRACKING and friends) against redis-server: the options and
// their errors, CLIENT TRACKINGINFO / GETREDIR / LIST, and the invalidation pushes with
// the order in which they arrive relative to replies (a step with `replies: 2` takes the
// reply and the push after it, in order; `messages` compares pushes that came unasked).
// Keys are read with EXISTS and TYPE and written with DEL, EXPIRE and RENAME (core's own
// commands); string and pub/sub commands are in @fakeredis/pubsub's tracking scenarios.
const createServer = (config: Record<string, string>) => new FakeServer({ mixins: [...coreMixins], config });

/** Each suite runs against redis-server 7.0.15 and, when FAKEREDIS_REDIS_7_2 / _7_4 name binaries, Redis 7.2 and 7.4. */
function runScenarios(suite: string, options: { createServer: typeof createServer }, scenarios: Scenario[]): void {
  run70(suite, options, scenarios);
  for (const version of ['7.2', '7.4']) {
    const createLater = (config: Record<string, string>) => new FakeServer({ mixins: [...coreMixins], config, profile: serverProfile('redis', version) });
    runReferenceScenarios(referenceEnv('redis', version), `${suite} (Redis ${version})`, { createServer: createLater }, scenarios);
  }
}
const CLIENT_INFO = { except: ['id', 'addr', 'laddr', 'fd', 'age', 'idle', 'rbp', 'redir'] };

runScenarios('tracking: CLIENT TRACKING options', { createServer }, [
  {
    name: 'option errors',
    steps: [
      ['CLIENT', 'TRACKING', 'on', 'redirect', '0'],
      ['CLIENT', 'TRACKING', 'on', 'redirect', '999999'],
      ['CLIENT', 'TRACKING', 'on', 'redirect', 'x'],
      ['CLIENT', 'TRACKING', 'on', 'redirect', '-1'],
      ['CLIENT', 'TRACKING', 'on', 'prefix', 'a'],
      ['CLIENT', 'TRACKING', 'on', 'optin', 'optout'],
      ['CLIENT', 'TRACKING', 'on', 'bcast', 'optin'],
      ['CLIENT', 'TRACKING', 'on', 'bcast', 'optout'],
      ['CLIENT', 'TRACKING', 'maybe'],
      ['CLIENT', 'TRACKING', 'on', 'foo'],
      ['CLIENT', 'TRACKING', 'off', 'foo'],
      ['CLIENT', 'TRACKING', 'on', 'redirect'],
      ['CLIENT', 'TRACKING', 'on', 'prefix'],
      ['CLIENT', 'TRACKING'],
      ['CLIENT', 'TRACKINGINFO'],
      ['CLIENT', 'GETREDIR'],
      ['CLIENT', 'CACHING', 'yes'],
      ['CLIENT', 'CACHING'],
      ['CLIENT', 'GETREDIR', 'x'],
      ['CLIENT', 'TRACKINGINFO', 'x'],
    ],
  },
  {
    name: 'modes and their switches',
    steps: [
      ['CLIENT', 'TRACKING', 'on', 'optin', 'noloop'],
      ['CLIENT', 'TRACKINGINFO'],
      ['CLIENT', 'GETREDIR'],
      ['CLIENT', 'CACHING', 'no'],
      ['CLIENT', 'CACHING', 'maybe'],
      ['CLIENT', 'CACHING', 'yes'],
      ['CLIENT', 'TRACKINGINFO'],
      ['PING'],
      ['CLIENT', 'TRACKINGINFO'],
      ['CLIENT', 'TRACKING', 'on', 'optout'],
      ['CLIENT', 'TRACKING', 'on', 'bcast'],
      ['CLIENT', 'TRACKING', 'on'],
      ['CLIENT', 'TRACKINGINFO'],
      { cmd: ['CLIENT', 'INFO'], compare: CLIENT_INFO },
      ['CLIENT', 'TRACKING', 'off'],
      ['CLIENT', 'TRACKING', 'on', 'optout'],
      ['CLIENT', 'CACHING', 'no'],
      ['CLIENT', 'TRACKINGINFO'],
      ['CLIENT', 'TRACKING', 'off'],
      ['CLIENT', 'TRACKINGINFO'],
    ],
  },
  {
    name: 'BCAST prefixes and their overlaps',
    steps: [
      ['CLIENT', 'TRACKING', 'on', 'bcast', 'prefix', 'a', 'prefix', 'ab'],
      ['CLIENT', 'TRACKINGINFO'],
      { cmd: ['CLIENT', 'TRACKING', 'on', 'bcast', 'prefix', 'x', 'prefix', 'b', 'prefix', 'bc'], replies: 2 },
      ['CLIENT', 'TRACKINGINFO'],
      ['CLIENT', 'TRACKING', 'on', 'bcast', 'prefix', 'b'],
      ['CLIENT', 'TRACKING', 'on', 'bcast', 'prefix', 'y'],
      ['CLIENT', 'TRACKINGINFO'],
      { cmd: ['CLIENT', 'INFO'], compare: CLIENT_INFO },
      ['CLIENT', 'TRACKING', 'on', 'prefix', 'z'],
      // The prefixes' rax nodes count in tot-mem.
      { cmd: ['CLIENT', 'TRACKING', 'on', 'bcast', 'prefix', 'user:abc', 'prefix', 'user:abd', 'prefix', 'xyz', 'prefix', 'q'], conn: 'd' },
      { cmd: ['CLIENT', 'INFO'], conn: 'd', compare: CLIENT_INFO },
      { cmd: ['CLIENT', 'TRACKING', 'on', 'bcast', 'prefix', 'user:b', 'prefix', 'x'], conn: 'd' },
      { cmd: ['CLIENT', 'INFO'], conn: 'd', compare: CLIENT_INFO },
      ['CLIENT', 'TRACKING', 'off'],
      ['CLIENT', 'TRACKING', 'on', 'bcast'],
      ['CLIENT', 'TRACKINGINFO'],
    ],
  },
]);

runScenarios('tracking: invalidation pushes (RESP3)', { createServer }, [
  {
    name: 'a read key is invalidated once when another client writes it',
    steps: [
      ['CLIENT', 'TRACKING', 'on'],
      ['DEBUG', 'POPULATE', '2', 'k'],
      ['EXISTS', 'k:0', 'k:1'],
      { cmd: ['DEL', 'k:0'], conn: 'b' },
      { messages: 'a' },
      { cmd: ['DEBUG', 'POPULATE', '1', 'k'], conn: 'b' },
      { cmd: ['DEL', 'k:0'], conn: 'b' },
      { messages: 'a' },
      ['TYPE', 'k:1'],
      { cmd: ['EXPIRE', 'k:1', '100'], conn: 'b' },
      { messages: 'a' },
      ['PING'],
    ],
    protocols: [3],
  },
  {
    name: 'a client writing a key it tracks gets the reply, then the push',
    steps: [
      ['CLIENT', 'TRACKING', 'on'],
      ['DEBUG', 'POPULATE', '3', 'k'],
      ['EXISTS', 'k:0'],
      { cmd: ['DEL', 'k:0'], replies: 2 },
      { messages: 'a' },
      ['EXISTS', 'k:1', 'k:2'],
      { cmd: ['RENAME', 'k:1', 'k:2'], replies: 3 },
      { messages: 'a' },
    ],
    protocols: [3],
  },
  {
    name: 'NOLOOP skips the client\'s own writes',
    steps: [
      ['CLIENT', 'TRACKING', 'on', 'noloop'],
      ['DEBUG', 'POPULATE', '2', 'k'],
      ['EXISTS', 'k:0', 'k:1'],
      ['DEL', 'k:0'],
      { messages: 'a' },
      { cmd: ['DEL', 'k:1'], conn: 'b' },
      { messages: 'a' },
    ],
    protocols: [3],
  },
  {
    name: 'OPTIN tracks after CLIENT CACHING YES, OPTOUT not after CLIENT CACHING NO',
    steps: [
      ['CLIENT', 'TRACKING', 'on', 'optin'],
      ['DEBUG', 'POPULATE', '3', 'k'],
      ['EXISTS', 'k:0'],
      ['CLIENT', 'CACHING', 'yes'],
      ['EXISTS', 'k:1'],
      ['EXISTS', 'k:2'],
      { cmd: ['DEL', 'k:0', 'k:1', 'k:2'], conn: 'b' },
      { messages: 'a' },
      ['CLIENT', 'TRACKING', 'off'],
      ['CLIENT', 'TRACKING', 'on', 'optout'],
      ['DEBUG', 'POPULATE', '3', 'k'],
      ['CLIENT', 'CACHING', 'no'],
      ['EXISTS', 'k:0'],
      ['EXISTS', 'k:1'],
      { cmd: ['DEL', 'k:0', 'k:1'], conn: 'b' },
      { messages: 'a' },
    ],
    protocols: [3],
  },
  {
    name: 'FLUSHALL and FLUSHDB invalidate everything with null',
    steps: [
      ['CLIENT', 'TRACKING', 'on'],
      { cmd: ['CLIENT', 'TRACKING', 'on', 'bcast'], conn: 'c' },
      ['DEBUG', 'POPULATE', '1', 'k'],
      ['EXISTS', 'k:0'],
      { cmd: ['FLUSHALL'], conn: 'b' },
      { messages: 'a' },
      { messages: 'c' },
      { cmd: ['FLUSHDB'], replies: 2 },
      { messages: 'a' },
      ['DEBUG', 'POPULATE', '1', 'k'],
      ['EXISTS', 'k:0'],
      { cmd: ['DEL', 'k:0'], conn: 'b' },
      { messages: 'a' },
    ],
    protocols: [3],
  },
  {
    name: 'BCAST: keys under the prefixes, sorted, once per event-loop turn',
    steps: [
      ['CLIENT', 'TRACKING', 'on', 'bcast', 'prefix', 'user:', 'prefix', 'obj:'],
      { cmd: ['CLIENT', 'TRACKING', 'on', 'bcast', 'noloop'], conn: 'c' },
      { cmd: ['DEBUG', 'POPULATE', '4', 'user:'], conn: 'b' },
      { cmd: ['DEBUG', 'POPULATE', '2', 'obj:'], conn: 'b' },
      { cmd: ['DEBUG', 'POPULATE', '2', 'other'], conn: 'b' },
      { messages: 'a' },
      { messages: 'c' },
      { cmd: ['DEL', 'user:2', 'obj:1', 'user:1', 'other0'], conn: 'b' },
      { messages: 'a' },
      { messages: 'c' },
      { cmd: ['DEL', 'user:3'], conn: 'c' },
      { messages: 'a' },
      { messages: 'c' },
      ['EXISTS', 'user:0'],
      { cmd: ['DEL', 'user:0'], conn: 'b' },
      { messages: 'a' },
    ],
    protocols: [3],
  },
  {
    name: 'inside MULTI the pushes follow EXEC\'s reply',
    steps: [
      ['CLIENT', 'TRACKING', 'on'],
      ['DEBUG', 'POPULATE', '2', 'k'],
      ['EXISTS', 'k:0', 'k:1'],
      ['MULTI'],
      ['DEL', 'k:0'],
      ['EXISTS', 'k:1'],
      ['DEL', 'k:1'],
      { cmd: ['EXEC'], replies: 3 },
      { messages: 'a' },
    ],
    protocols: [3],
  },
  {
    name: 'expiry invalidates: lazily after the reply of the read that finds the key expired, actively at once',
    steps: [
      ['CLIENT', 'TRACKING', 'on'],
      ['DEBUG', 'SET-ACTIVE-EXPIRE', '0'],
      ['DEBUG', 'POPULATE', '2', 'k'],
      ['EXISTS', 'k:0', 'k:1'],
      { cmd: ['PEXPIRE', 'k:0', '50'], conn: 'b' },
      { messages: 'a' },
      ['EXISTS', 'k:0'],
      { advance: 100 },
      { cmd: ['EXISTS', 'k:0'], replies: 2 },
      { messages: 'a' },
      ['DEBUG', 'SET-ACTIVE-EXPIRE', '1'],
      ['EXISTS', 'k:1'],
      { cmd: ['PEXPIRE', 'k:1', '50'], conn: 'b' },
      { messages: 'a' },
      ['EXISTS', 'k:1'],
      { advance: 200 },
      { messages: 'a' },
    ],
    protocols: [3],
  },
  {
    name: 'RESP2 without redirection gets no messages',
    steps: [
      ['CLIENT', 'TRACKING', 'on'],
      ['DEBUG', 'POPULATE', '1', 'k'],
      ['EXISTS', 'k:0'],
      ['DEL', 'k:0'],
      ['PING'],
      { messages: 'a' },
    ],
    protocols: [2],
  },
]);
