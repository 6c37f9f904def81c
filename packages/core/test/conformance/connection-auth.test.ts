import { runScenarios, type Scenario } from '@fakeredis/tooling/conformance';
import { coreMixins, FakeServer } from '../../src/index.js';

// The fake starts with requirepass; the real server gets it from a 'setup' connection
// opened before the password exists (so it stays authenticated there and can remove the
// password at the end). Every other connection starts unauthenticated on both servers;
// the runner's HELLO 3 is refused on them, so they speak RESP2 until they authenticate.
const options = {
  createServer: (config: Record<string, string>) =>
    new FakeServer({ mixins: [...coreMixins], config: { ...config, requirepass: 'pw' } }),
};

function withPassword(scenarios: Scenario[]): Scenario[] {
  return scenarios.map((scenario) => ({
    ...scenario,
    steps: [
      { cmd: ['CONFIG', 'SET', 'requirepass', 'pw'], conn: 'setup', compare: 'none' as const },
      ...scenario.steps,
      { cmd: ['CONFIG', 'SET', 'requirepass', ''], conn: 'setup', compare: 'none' as const },
    ],
  }));
}

runScenarios('connection: requirepass', options, withPassword([
  {
    name: 'commands need AUTH; lookup and arity errors come first',
    steps: [['PING'], ['CLIENT', 'GETNAME'], ['NOPE', 'x'], ['ECHO'], ['CLIENT', 'NOPE'], ['AUTH', 'pw'], ['PING']],
  },
  {
    name: 'AUTH forms',
    steps: [
      ['AUTH', 'wrong'],
      ['AUTH', 'default', 'wrong'],
      ['AUTH', 'bob', 'pw'],
      ['AUTH', 'a', 'b', 'c'],
      ['PING'],
      ['AUTH', 'default', 'pw'],
      ['PING'],
      ['AUTH', 'pw'],
    ],
  },
  { name: 'a failed AUTH keeps an authenticated connection', steps: [['AUTH', 'pw'], ['AUTH', 'wrong'], ['PING']] },
  {
    name: 'HELLO needs authentication but applies SETNAME first',
    steps: [
      ['HELLO'],
      ['HELLO', '3'],
      ['HELLO', '3', 'SETNAME', 'early'],
      ['HELLO', '4'],
      ['HELLO', 'x'],
      ['HELLO', '3', 'AUTH', 'default', 'wrong'],
      ['AUTH', 'pw'],
      ['CLIENT', 'GETNAME'],
      ['PING'],
    ],
  },
  {
    name: 'HELLO AUTH authenticates and switches protocol',
    steps: [
      { cmd: ['HELLO', '3', 'AUTH', 'default', 'pw', 'SETNAME', 'n'], compare: { except: ['id'] } },
      ['CLIENT', 'GETNAME'],
      { cmd: ['HELLO'], compare: { except: ['id'] } },
    ],
  },
  {
    name: 'HELLO AUTH with a wrong password',
    steps: [['HELLO', '3', 'AUTH', 'default', 'wrong'], ['HELLO', '2', 'AUTH', 'nobody', 'pw'], ['PING']],
  },
  {
    name: 'MULTI and EXEC before AUTH',
    steps: [['MULTI'], ['EXEC'], ['EXEC', 'x'], ['DISCARD'], ['AUTH', 'pw'], ['EXEC']],
  },
  {
    name: 'QUIT and RESET need no authentication',
    steps: [['RESET'], ['QUIT'], { cmd: ['PING'], conn: 'b' }],
  },
  {
    name: 'RESET forgets the authentication',
    steps: [['AUTH', 'pw'], ['PING'], ['RESET'], ['PING'], ['AUTH', 'pw'], ['PING']],
  },
  {
    name: 'authentication is per connection',
    steps: [['AUTH', 'pw'], { cmd: ['PING'], conn: 'b' }, ['PING']],
  },
]));
