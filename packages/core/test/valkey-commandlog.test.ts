import { referenceEnv, runReferenceScenarios } from '@fakeredis/tooling/conformance/reference';
import { commandLogEntries, type Scenario } from '@fakeredis/tooling/conformance';
import { serverProfile } from '../src/index.js';
import { serverForConformance, serverMixins } from './server/fixtures.js';

// Valkey 8.1's COMMANDLOG and SLOWLOG as its `slow` type, against valkey-server binaries
// built locally (FAKEREDIS_VALKEY_8_0 / _8_1 / _9_1); a suite whose variable is unset is skipped.

const fake = (version: string) => (config: Record<string, string>) => serverForConformance(config, serverMixins, serverProfile('valkey', version));

const entries = commandLogEntries;

const big = 'x'.repeat(300);

/**
 * Sets, while nothing is logged, every parameter a scenario changes later: the runner's admin
 * connection reads a parameter's value (CONFIG GET, on the real server only) before its first
 * CONFIG SET, which a log that is on would show.
 */
const remembered: string[][] = [
  ['CONFIG', 'SET', 'slowlog-log-slower-than', '-1', 'slowlog-max-len', '128'],
  ['CONFIG', 'SET', 'commandlog-execution-slower-than', '-1', 'commandlog-slow-execution-max-len', '128', 'commandlog-large-request-max-len', '128', 'commandlog-large-reply-max-len', '128'],
  ['CONFIG', 'SET', 'commandlog-request-larger-than', '-1', 'commandlog-reply-larger-than', '-1'],
];

const scenarios: Scenario[] = [
  {
    name: 'COMMANDLOG HELP, errors, LEN and RESET of each type',
    steps: [
      ...remembered,
      ['COMMANDLOG', 'HELP'], ['COMMANDLOG'], ['COMMANDLOG', 'GET'], ['COMMANDLOG', 'GET', '1'], ['COMMANDLOG', 'GET', 'x', 'slow'], ['COMMANDLOG', 'GET', '1', 'nosuch'],
      ['COMMANDLOG', 'GET', '-2', 'slow'], ['COMMANDLOG', 'GET', 'x', 'nosuch'], ['COMMANDLOG', 'GET', '1', 'slow', 'x'], ['COMMANDLOG', 'LEN'], ['COMMANDLOG', 'LEN', 'x'],
      ['COMMANDLOG', 'RESET', 'Slow'], ['COMMANDLOG', 'RESET', 'x'], ['COMMANDLOG', 'RESET'], ['COMMANDLOG', 'NOSUCH'], ['COMMANDLOG', 'HELP', 'x'],
      ['COMMANDLOG', 'LEN', 'slow'], ['COMMANDLOG', 'LEN', 'LARGE-REQUEST'], ['COMMANDLOG', 'LEN', 'large-reply'], ['COMMANDLOG', 'GET', '-1', 'large-reply'],
      ['SLOWLOG', 'HELP'], ['SLOWLOG', 'GET', '-2'], ['SLOWLOG', 'LEN'],
      ['CONFIG', 'SET', 'commandlog-execution-slower-than', '10000'],
    ],
  },
  {
    name: 'large requests and replies: sizes in bytes as the client sent and received them, in MULTI too',
    steps: [
      ...remembered, ['CONFIG', 'SET', 'commandlog-request-larger-than', '0'], ['CONFIG', 'SET', 'commandlog-reply-larger-than', '0'],
      ['COMMANDLOG', 'RESET', 'large-request'], ['COMMANDLOG', 'RESET', 'large-reply'], ['CLIENT', 'SETNAME', 'me'],
      ['SET', 'foo', 'barbaz'], ['GET', 'foo'], ['SET', 'big', big], ['GETRANGE', 'big', '0', '-1'], ['MSET', 'a', '1', 'b', '2.5'], ['INCRBYFLOAT', 'b', '1'], ['MGET', 'foo', 'nokey', 'big'],
      ['MULTI'], ['GET', 'foo'], ['INCR', 'n'], ['GET', 'big'], ['EXEC'], ['AUTH', 'secret'], ['CONFIG', 'GET', 'maxmemory'],
      // Inline requests: their arguments one space apart and CRLF, whatever the line held.
      { cmd: ['SET', 'inl', 'a b'], raw: 'SET inl  "a b"\r\n' }, { cmd: ['PING'], raw: 'PING\r\n' },
      // The reply log is read first: a reply listing ids is as long as their digits, and the real server's count the admin connection's commands too.
      { cmd: ['COMMANDLOG', 'GET', '-1', 'large-reply'], compare: entries() }, { cmd: ['COMMANDLOG', 'GET', '-1', 'large-request'], compare: entries() },
      ['COMMANDLOG', 'LEN', 'large-request'], ['COMMANDLOG', 'LEN', 'large-reply'], ['COMMANDLOG', 'GET', '0', 'large-reply'],
      ['CONFIG', 'SET', 'commandlog-request-larger-than', '30'], ['CONFIG', 'SET', 'commandlog-reply-larger-than', '12'], ['COMMANDLOG', 'RESET', 'large-request'], ['COMMANDLOG', 'RESET', 'large-reply'],
      ['GET', 'foo'], ['SET', 'longer-key', 'barbaz'], ['GET', 'big'], ['PING'],
      { cmd: ['COMMANDLOG', 'GET', '5', 'large-request'], compare: entries() }, { cmd: ['COMMANDLOG', 'GET', '5', 'large-reply'], compare: entries() },
      ['CONFIG', 'SET', 'commandlog-large-request-max-len', '2'], ['PING'], ['COMMANDLOG', 'LEN', 'large-request'],
      ['CONFIG', 'SET', 'commandlog-large-reply-max-len', '0'], ['GET', 'big'], ['COMMANDLOG', 'LEN', 'large-reply'],
      ['CONFIG', 'SET', 'commandlog-request-larger-than', '-1'], ['CONFIG', 'SET', 'commandlog-large-request-max-len', '128'], ['COMMANDLOG', 'LEN', 'large-request'],
      ['CONFIG', 'SET', 'commandlog-large-reply-max-len', '128'], ['CONFIG', 'SET', 'commandlog-reply-larger-than', '1048576'], ['CONFIG', 'SET', 'commandlog-request-larger-than', '1048576'],
    ],
  },
  {
    name: 'SLOWLOG is the slow type: entries logged under either name, a max-len of 0 turns the log off',
    steps: [
      ...remembered, ['CONFIG', 'SET', 'slowlog-log-slower-than', '0'], ['SLOWLOG', 'RESET'], ['CLIENT', 'SETNAME', 'me'], ['SET', 'k', big], ['PING'],
      ['COMMANDLOG', 'LEN', 'slow'], { cmd: ['COMMANDLOG', 'GET', '3', 'slow'], compare: entries(true) }, { cmd: ['SLOWLOG', 'GET', '2'], compare: entries(true) },
      ['CONFIG', 'SET', 'commandlog-slow-execution-max-len', '0'], ['PING'], ['SLOWLOG', 'LEN'], ['CONFIG', 'SET', 'slowlog-max-len', '1'], ['SLOWLOG', 'LEN'],
      ['COMMANDLOG', 'RESET', 'slow'], ['SLOWLOG', 'LEN'], ['CONFIG', 'SET', 'slowlog-max-len', '128'], ['CONFIG', 'SET', 'slowlog-log-slower-than', '10000'],
    ],
  },
];

/** Valkey 8.0 has no COMMANDLOG, but its slow log already stays as it is at max-len 0. */
const slowlog80: Scenario[] = [
  {
    name: 'SLOWLOG max-len 0 turns the log off',
    steps: [
      ['CONFIG', 'SET', 'slowlog-log-slower-than', '-1', 'slowlog-max-len', '128'],
      ['CONFIG', 'SET', 'slowlog-log-slower-than', '0'], ['SLOWLOG', 'RESET'], ['PING'], ['CONFIG', 'SET', 'slowlog-max-len', '0'], ['PING'], ['SLOWLOG', 'LEN'],
      ['CONFIG', 'SET', 'slowlog-max-len', '1'], ['SLOWLOG', 'LEN'], ['PING'], ['SLOWLOG', 'LEN'], ['COMMANDLOG', 'HELP'],
      ['CONFIG', 'SET', 'slowlog-max-len', '128'], ['CONFIG', 'SET', 'slowlog-log-slower-than', '10000'],
    ],
  },
];

runReferenceScenarios(referenceEnv('valkey', '8.0'), 'Valkey 8.0 SLOWLOG', { createServer: fake('8.0') }, slowlog80);
for (const version of ['8.1', '9.1']) {
  runReferenceScenarios(referenceEnv('valkey', version), `Valkey ${version} COMMANDLOG`, { createServer: fake(version) }, [...scenarios, ...slowlog80]);
}
