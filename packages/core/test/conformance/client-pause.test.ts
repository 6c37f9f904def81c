import { pipeline, runScenarios, type Compare, type Scenario, type Step } from '@fakeredis/tooling/conformance';
import { referenceEnv, runReferenceScenarios } from '@fakeredis/tooling/conformance/reference';
import { serverProfile } from '../../src/index.js';
import { serverForConformance, serverMixins } from '../server/fixtures.js';

const options = { createServer: (config: Record<string, string>) => serverForConformance(config) };
/** INFO clients reduced to blocked_clients (the other fields differ by the runner's own connection). */
const blockedClients: Compare = { normalize: (text) => /blocked_clients:\d+/.exec(text)?.[0] ?? text };
const info: Step = { cmd: ['INFO', 'clients'], conn: 'i', compare: blockedClients };
const on = (conn: string, ...cmd: string[]): Step => ({ cmd, conn });
const later = (conn: string, ...cmd: string[]): Step => ({ cmd, conn, async: true });
/**
 * A timed pause, long enough for the steps made while it holds: each server ends it by its
 * own clock, and a busy machine took over 300 ms for a dozen steps. Then time passes past it.
 */
const PAUSE_MS = '1500';
const PAUSE_OVER = 1600;

const scenarios: Scenario[] = [
  {
    name: 'CLIENT PAUSE and UNPAUSE errors',
    steps: [
      ['CLIENT', 'PAUSE', 'x'], ['CLIENT', 'PAUSE', '-1'], ['CLIENT', 'PAUSE', '1.5'], ['CLIENT', 'PAUSE', '100', 'bad'], ['CLIENT', 'PAUSE', '100', 'write', 'x'],
      ['CLIENT', 'PAUSE'], ['CLIENT', 'UNPAUSE', 'x'], ['CLIENT', 'UNPAUSE'], ['CLIENT', 'PAUSE', '0'], ['CLIENT', 'PAUSE', '0', 'write'], ['PING'],
      ['CLIENT', 'PAUSE', '99999999999999999999'],
    ],
  },
  {
    name: 'WRITE pauses writes and may-replicate commands until the time is up; reads go on',
    steps: [
      ['SET', 'k', 'v'], on('p', 'CLIENT', 'PAUSE', PAUSE_MS, 'WRITE'), ['GET', 'k'], later('a', 'SET', 'k', 'w'), later('a', 'GET', 'k'), on('b', 'GET', 'k'),
      later('c', 'PFCOUNT', 'h'), on('d', 'PING'), on('d', 'ECHO', 'x'), on('d', 'TTL', 'k'), on('d', 'CLIENT', 'GETNAME'), later('d', 'INCR', 'n'), info,
      { advance: PAUSE_OVER }, { await: 'a' }, { await: 'a' }, { await: 'c' }, { await: 'd' }, info, ['GET', 'k'],
    ],
  },
  {
    name: 'ALL pauses every command, CLIENT UNPAUSE included; monitors are not paused',
    steps: [
      on('m', 'MONITOR'), on('p', 'CLIENT', 'PAUSE', PAUSE_MS, 'ALL'), later('a', 'PING'), later('b', 'CLIENT', 'UNPAUSE'), later('p', 'GET', 'x'), on('m', 'PING'), info,
      { advance: PAUSE_OVER }, { await: 'a' }, { await: 'b' }, { await: 'p' }, info,
    ],
  },
  {
    name: 'UNPAUSE resumes postponed clients in order, their pipelines after',
    steps: [
      on('p', 'CLIENT', 'PAUSE', '100000', 'WRITE'), later('a', 'SET', 'x', '1'), later('a', 'GET', 'x'), later('b', 'INCR', 'x'), later('c', 'APPEND', 'x', 'z'), info,
      on('p', 'CLIENT', 'UNPAUSE'), { await: 'a' }, { await: 'a' }, { await: 'b' }, { await: 'c' }, ['GET', 'x'], info,
    ],
  },
  {
    name: 'MULTI under WRITE: queued writes wait, EXEC of writes queued before the pause waits',
    steps: [
      on('a', 'MULTI'), on('b', 'MULTI'), on('b', 'SET', 'q', '1'), on('p', 'CLIENT', 'PAUSE', '100000', 'WRITE'), on('a', 'GET', 'q'), later('a', 'SET', 'q', '2'),
      later('b', 'EXEC'), on('c', 'MULTI'), on('c', 'GET', 'q'), on('c', 'EXEC'), info, on('p', 'CLIENT', 'UNPAUSE'), { await: 'a' }, { await: 'b' }, on('a', 'EXEC'),
    ],
  },
  {
    name: 'a stricter pause while one holds: the later end and the stricter type',
    steps: [
      on('p', 'CLIENT', 'PAUSE', PAUSE_MS, 'WRITE'), on('p', 'CLIENT', 'PAUSE', '0', 'ALL'), later('a', 'PING'), info, { advance: PAUSE_OVER }, { await: 'a' }, info,
    ],
  },
  {
    name: 'expiry waits while paused: a due key reads as missing but stays until the pause ends',
    events: true,
    steps: [
      // Set and paused in one write: the pause starts before the key is due however busy the machine.
      { ...pipeline(['SET', 'k', 'v', 'PX', '100'], ['CLIENT', 'PAUSE', '100000', 'WRITE']), conn: 'p' }, { advance: 300 }, ['GET', 'k'], ['EXISTS', 'k'], ['DBSIZE'], ['KEYS', '*'],
      on('p', 'CLIENT', 'UNPAUSE'), ['GET', 'k'], ['DBSIZE'],
    ],
  },
  {
    name: 'eviction waits while paused: over maxmemory nothing goes until the pause ends',
    events: true,
    steps: [
      // volatile-ttl: the shorter TTL goes first, so both servers evict in one order.
      ['SET', 'a', '1', 'EX', '1000'], ['SET', 'b', '2', 'EX', '2000'], ['CONFIG', 'SET', 'maxmemory-policy', 'volatile-ttl'], on('p', 'CLIENT', 'PAUSE', '100000', 'WRITE'),
      on('p', 'CONFIG', 'SET', 'maxmemory', '1'), ['GET', 'a'], ['DBSIZE'], ['EXISTS', 'b'], later('w', 'SET', 'c', '3'), ['DBSIZE'],
      on('p', 'CLIENT', 'UNPAUSE'), { await: 'w' }, ['DBSIZE'], ['CONFIG', 'SET', 'maxmemory', '0'],
    ],
  },
  {
    name: 'blocked clients time out during a pause',
    protocols: [2],
    steps: [
      later('a', 'WAIT', '1', '200'), on('p', 'CLIENT', 'PAUSE', '100000', 'WRITE'), { advance: 400 }, { await: 'a' }, on('p', 'CLIENT', 'UNPAUSE'),
    ],
  },
];

runScenarios('connection: CLIENT PAUSE', options, scenarios);

/**
 * Valkey 8.1+'s INFO clients paused_reason, paused_actions and paused_timeout_milliseconds
 * (the other lines dropped; a time left within the pause's last 10 s shown as such).
 */
const pausedLines: Compare = {
  normalize: (text) =>
    text
      .split('\r\n')
      .filter((line) => line.startsWith('paused_'))
      .map((line) => line.replace(/^(paused_timeout_milliseconds:)(\d+)$/, (all, name: string, ms: string) => (Number(ms) > 90_000 && Number(ms) <= 100_000 ? `${name}(90..100 s)` : all)))
      .join('\r\n'),
};
const pausedInfo = (conn: string): Step => ({ cmd: ['INFO', 'clients'], conn, compare: pausedLines });
const valkeyScenarios: Scenario[] = [
  {
    name: 'INFO clients names the pause in force, its actions and the time left',
    steps: [
      pausedInfo('a'), on('p', 'CLIENT', 'PAUSE', '100000', 'WRITE'), pausedInfo('a'), { advance: 300 }, pausedInfo('a'), on('p', 'CLIENT', 'UNPAUSE'), pausedInfo('a'),
      // Under ALL, INFO waits until the pause is over.
      on('p', 'CLIENT', 'PAUSE', '300', 'ALL'), { cmd: ['INFO', 'clients'], conn: 'a', async: true }, { advance: 500 }, { await: 'a', compare: pausedLines },
    ],
  },
];
for (const version of ['8.1', '9.1']) {
  const profile = serverProfile('valkey', version);
  runReferenceScenarios(referenceEnv('valkey', version), `connection: CLIENT PAUSE in INFO (Valkey ${version})`, {
    createServer: (config) => serverForConformance(config, serverMixins, profile),
  }, valkeyScenarios);
}
