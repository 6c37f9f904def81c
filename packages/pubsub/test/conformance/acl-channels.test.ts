import { runScenarios, type Scenario, type Step, CLIENT_FIELDS_OF_THE_CONNECTION } from '@fakeredis/tooling/conformance';
import { options } from './server.js';

// ACL channel and key permissions with the pub/sub and string commands (core's ACL checks
// these through the commands' key specs and Redis's channel table), against redis-server.
// Each scenario starts and ends by deleting its users on a 'setup' connection.
const CLEANUP: Step[] = [
  { cmd: ['ACL', 'DELUSER', 'bob', 'sub', 'rw'], conn: 'setup', compare: 'none' },
  { cmd: ['ACL', 'LOG', 'RESET'], conn: 'setup', compare: 'none' },
];
const LOG = { except: ['age-seconds', ...CLIENT_FIELDS_OF_THE_CONNECTION] };

function isolated(scenarios: Scenario[]): Scenario[] {
  return scenarios.map((s) => ({ ...s, steps: [...CLEANUP, ...s.steps, ...CLEANUP] }));
}

runScenarios('pubsub: ACL channel permissions', options, isolated([
  {
    name: 'PUBLISH, SUBSCRIBE and PSUBSCRIBE against channel patterns',
    steps: [
      ['ACL', 'SETUSER', 'bob', 'on', 'nopass', '+@all', '~*', 'resetchannels', '&news.*', '&chat'],
      { cmd: ['AUTH', 'bob', 'x'], conn: 'b' },
      { cmd: ['PUBLISH', 'news.1', 'm'], conn: 'b' },
      { cmd: ['PUBLISH', 'other', 'm'], conn: 'b' },
      { cmd: ['SPUBLISH', 'other', 'm'], conn: 'b' },
      { cmd: ['SUBSCRIBE', 'chat', 'other'], conn: 'b' },
      { cmd: ['PSUBSCRIBE', 'news.1'], conn: 'b' },
      { cmd: ['PSUBSCRIBE', 'news.*'], conn: 'b' },
      { cmd: ['PUNSUBSCRIBE', 'x'], conn: 'b' },
      { cmd: ['ACL', 'LOG'], compare: LOG },
    ],
  },
  {
    name: 'revoking channels disconnects the user\'s subscribers',
    steps: [
      ['ACL', 'SETUSER', 'sub', 'on', 'nopass', '+@all', '~*', 'resetchannels', '&a', '&b'],
      { cmd: ['AUTH', 'sub', 'x'], conn: 'b' },
      { cmd: ['SUBSCRIBE', 'a'], conn: 'b' },
      { cmd: ['AUTH', 'sub', 'x'], conn: 'c' },
      { cmd: ['SUBSCRIBE', 'b'], conn: 'c' },
      { cmd: ['AUTH', 'sub', 'x'], conn: 'd' },
      { cmd: ['PING'], conn: 'd' },
      ['ACL', 'SETUSER', 'sub', '&a', '&c'],
      ['PUBLISH', 'a', 'still'],
      ['ACL', 'SETUSER', 'sub', 'resetchannels', '&a'],
      ['PUBLISH', 'a', 'kept'],
      ['PUBLISH', 'b', 'gone'],
      { messages: 'b' },
      { cmd: ['PING'], conn: 'd' },
      ['ACL', 'SETUSER', 'sub', 'resetchannels', '&*'],
      ['ACL', 'SETUSER', 'sub', 'resetchannels'],
      ['PUBLISH', 'a', 'after'],
    ],
    protocols: [2],
  },
]));

runScenarios('pubsub: ACL key permissions of string commands', options, isolated([
  {
    name: 'read and write patterns',
    steps: [
      ['ACL', 'SETUSER', 'rw', 'on', 'nopass', '+@all', '%R~r*', '%W~w*', '~k*'],
      ['SET', 'r1', 'v'],
      { cmd: ['AUTH', 'rw', 'x'], conn: 'b' },
      { cmd: ['GET', 'r1'], conn: 'b' },
      { cmd: ['GET', 'w1'], conn: 'b' },
      { cmd: ['SET', 'w1', 'v'], conn: 'b' },
      { cmd: ['SET', 'r1', 'v'], conn: 'b' },
      { cmd: ['SET', 'w1', 'v', 'GET'], conn: 'b' },
      { cmd: ['SET', 'k1', 'v', 'GET'], conn: 'b' },
      { cmd: ['APPEND', 'w1', 'x'], conn: 'b' },
      { cmd: ['MSET', 'w1', 'a', 'k1', 'b', 'r1', 'c'], conn: 'b' },
      { cmd: ['ACL', 'LOG'], compare: LOG },
      ['DEL', 'r1', 'w1', 'k1'],
    ],
  },
]));
