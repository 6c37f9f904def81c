import { runScenarios as run70, type Scenario, type Step, CLIENT_FIELDS_OF_THE_CONNECTION } from '@fakeredis/tooling/conformance';
import { runScenariosByVersion } from '@fakeredis/tooling/conformance/reference';
import { coreMixins, FakeServer } from '../../src/index.js';

// ACL users, rules, descriptions, permission checks and the ACL log, against a real
// redis-server. Users live for the whole suite on the real server: every scenario starts
// and ends on a 'setup' connection (the default user, opened first) that deletes the
// users the scenarios make, restores the default user and empties the log.
//
// Redis describes single commands of a selector (ACL LIST, GETUSER "commands") in the
// hash order of its command table, which is seeded at random per process; the fake uses
// the metadata's order. Scenarios therefore keep to at most one single-command rule
// beside categories per selector where a description is compared.
const createServer = (config: Record<string, string>) => new FakeServer({ mixins: [...coreMixins], config });

/** Each suite runs against redis-server 7.0.15 and, when FAKEREDIS_REDIS_7_2 / _7_4 name binaries, Redis 7.2 and 7.4. */
const runScenarios = (suite: string, scenarios: Scenario[]): void =>
  runScenariosByVersion(suite, (config, profile) => new FakeServer({ mixins: [...coreMixins], config, profile }), scenarios);

const USERS = ['bob', 'alice', 'carol', 'e', 'x', 'y', 'z', 'sel', 'dis', 'pw', 'hashy', 'sub', 'r', 'w'];
const CLEANUP: Step[] = [
  { cmd: ['ACL', 'DELUSER', ...USERS], conn: 'setup', compare: 'none' },
  { cmd: ['ACL', 'SETUSER', 'default', 'reset', 'on', 'nopass', '~*', '&*', '+@all'], conn: 'setup', compare: 'none' },
  { cmd: ['ACL', 'LOG', 'RESET'], conn: 'setup', compare: 'none' },
];
// Times and connection details differ by nature; 7.2's log entries also carry their creation and update
// times and an entry-id counted over the real server's whole life (the fake's is fresh per scenario).
const LOG = { except: ['age-seconds', 'timestamp-created', 'timestamp-last-updated', 'entry-id', ...CLIENT_FIELDS_OF_THE_CONNECTION] };

function isolated(scenarios: Scenario[]): Scenario[] {
  return scenarios.map((s) => ({ ...s, steps: [...CLEANUP, ...s.steps, ...CLEANUP] }));
}

runScenarios('acl: SETUSER rules and descriptions', isolated([
  { name: 'the default user', steps: [['ACL', 'LIST'], ['ACL', 'USERS'], ['ACL', 'GETUSER', 'default'], ['ACL', 'WHOAMI']] },
  {
    name: 'a new user is off with no permissions',
    steps: [['ACL', 'SETUSER', 'bob'], ['ACL', 'LIST'], ['ACL', 'GETUSER', 'bob'], ['ACL', 'USERS']],
  },
  {
    name: 'passwords, flags and categories',
    steps: [
      ['ACL', 'SETUSER', 'bob', 'on', '>pw', '~k*', '+@hash', '-hset'],
      ['ACL', 'LIST'],
      ['ACL', 'GETUSER', 'bob'],
      ['ACL', 'SETUSER', 'bob', '>p2', '>pw', '<pw'],
      ['ACL', 'GETUSER', 'bob'],
      ['ACL', 'SETUSER', 'bob', 'nopass'],
      ['ACL', 'GETUSER', 'bob'],
      ['ACL', 'SETUSER', 'bob', 'resetpass', 'skip-sanitize-payload'],
      ['ACL', 'LIST'],
      ['ACL', 'SETUSER', 'bob', 'sanitize-payload', 'off', 'ON'],
      ['ACL', 'LIST'],
      ['ACL', 'SETUSER', 'bob', 'reset'],
      ['ACL', 'LIST'],
    ],
  },
  {
    name: 'password hashes',
    steps: [
      ['ACL', 'SETUSER', 'hashy', '#e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
      ['ACL', 'SETUSER', 'hashy', '#abc'],
      ['ACL', 'SETUSER', 'hashy', '#E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855'],
      ['ACL', 'SETUSER', 'hashy', '!0000000000000000000000000000000000000000000000000000000000000000'],
      ['ACL', 'SETUSER', 'hashy', '!e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
      ['ACL', 'SETUSER', 'hashy', '<nope'],
      ['ACL', 'SETUSER', 'hashy', '>'],
      ['ACL', 'GETUSER', 'hashy'],
    ],
  },
  {
    name: 'key patterns with read and write permissions',
    steps: [
      ['ACL', 'SETUSER', 'e', '%R~r*', '%W~w*', '%RW~b*', '%WR~c*', '~k*', '%R', '%r~lower'],
      ['ACL', 'LIST'],
      ['ACL', 'SETUSER', 'e', '%W~r*', '%R~k*'],
      ['ACL', 'GETUSER', 'e'],
      ['ACL', 'SETUSER', 'e', 'allkeys'],
      ['ACL', 'SETUSER', 'e', '~x'],
      ['ACL', 'SETUSER', 'e', '%R~y'],
      ['ACL', 'GETUSER', 'e'],
      ['ACL', 'SETUSER', 'e', 'resetkeys', '~a', '~a'],
      ['ACL', 'GETUSER', 'e'],
      ['ACL', 'SETUSER', 'e', '~*'],
      ['ACL', 'LIST'],
    ],
  },
  {
    name: 'channel patterns',
    steps: [
      ['ACL', 'SETUSER', 'e', '&ch', '&news.*', '&ch'],
      ['ACL', 'GETUSER', 'e'],
      ['ACL', 'SETUSER', 'e', 'allchannels'],
      ['ACL', 'SETUSER', 'e', '&x'],
      ['ACL', 'SETUSER', 'e', '&a b'],
      ['ACL', 'LIST'],
      ['ACL', 'SETUSER', 'e', 'resetchannels', '&'],
      ['ACL', 'GETUSER', 'e'],
    ],
  },
  {
    name: 'rule errors change nothing',
    steps: [
      ['ACL', 'SETUSER', 'e', 'on', '%', 'off'],
      ['ACL', 'SETUSER', 'e', '%~x'],
      ['ACL', 'SETUSER', 'e', '%RR~x'],
      ['ACL', 'SETUSER', 'e', '%X~x'],
      ['ACL', 'SETUSER', 'e', '+'],
      ['ACL', 'SETUSER', 'e', '-'],
      ['ACL', 'SETUSER', 'e', '+@'],
      ['ACL', 'SETUSER', 'e', '-@nope'],
      ['ACL', 'SETUSER', 'e', '+nope'],
      ['ACL', 'SETUSER', 'e', '+config|nope'],
      ['ACL', 'SETUSER', 'e', '+config|get|x'],
      ['ACL', 'SETUSER', 'e', '+client|id|x'],
      ['ACL', 'SETUSER', 'e', '-select|0'],
      ['ACL', 'SETUSER', 'e', '+select|'],
      ['ACL', 'SETUSER', 'e', '+a|b|c'],
      ['ACL', 'SETUSER', 'e', '~a b'],
      ['ACL', 'SETUSER', 'e', 'foo'],
      ['ACL', 'SETUSER', 'e', '('],
      ['ACL', 'SETUSER', 'e', '(~x', '+get'],
      ['ACL', 'SETUSER', 'e', '(foo)'],
      ['ACL', 'SETUSER', 'a b'],
      ['ACL', 'SETUSER', Buffer.from('a\0b')],
      ['ACL', 'USERS'],
    ],
  },
  {
    name: 'command rules: categories, subcommands and first arguments',
    steps: [
      ['ACL', 'SETUSER', 'x', '+@all', '-@dangerous'],
      ['ACL', 'SETUSER', 'y', '-@all', '+@slow'],
      ['ACL', 'SETUSER', 'z', '-@all', '+@fast'],
      ['ACL', 'SETUSER', 'r', 'allcommands', '-config|set'],
      ['ACL', 'SETUSER', 'w', 'nocommands', '+config|get'],
      ['ACL', 'SETUSER', 'e', '+select|0', '+select|1', '+SELECT|0'],
      ['ACL', 'LIST'],
      ['ACL', 'SETUSER', 'e', '+select'],
      ['ACL', 'GETUSER', 'e'],
      ['ACL', 'SETUSER', 'e', '+@all', '-@read', '-@write'],
      ['ACL', 'GETUSER', 'e'],
      ['ACL', 'SETUSER', 'e', 'allcommands', '-@pubsub', '-@scripting', '-@transaction', '-@blocking'],
      ['ACL', 'GETUSER', 'e'],
      ['ACL', 'SETUSER', 'e', 'nocommands', '+client'],
      ['ACL', 'GETUSER', 'e'],
    ],
  },
  {
    name: 'selectors',
    steps: [
      ['ACL', 'SETUSER', 'sel', 'on', 'nopass', '(~a* +get)', '%R~r*', '&ch'],
      ['ACL', 'GETUSER', 'sel'],
      ['ACL', 'SETUSER', 'sel', '(', '~b*', '%W~w*', '&c2', '+@hash', ')'],
      ['ACL', 'LIST'],
      ['ACL', 'GETUSER', 'sel'],
      ['ACL', 'SETUSER', 'sel', '()', '( ~x )', '("~y" allchannels)'],
      ['ACL', 'LIST'],
      ['ACL', 'SETUSER', 'sel', 'clearselectors'],
      ['ACL', 'LIST'],
      ['ACL', 'SETUSER', 'sel', '(~a', 'nope)'],
      ['ACL', 'SETUSER', 'sel', '(~a', '+get', 'allkeys)'],
      ['ACL', 'GETUSER', 'sel'],
      ['ACL', 'SETUSER', 'sel', 'reset'],
      ['ACL', 'GETUSER', 'sel'],
    ],
  },
  {
    name: 'acl-pubsub-default allchannels for new users and selectors',
    steps: [
      { cmd: ['CONFIG', 'SET', 'acl-pubsub-default', 'allchannels'], conn: 'setup' },
      ['ACL', 'SETUSER', 'e', '(~x)'],
      ['ACL', 'LIST'],
      ['ACL', 'SETUSER', 'e', 'reset'],
      ['ACL', 'LIST'],
      { cmd: ['CONFIG', 'SET', 'acl-pubsub-default', 'resetchannels'], conn: 'setup' },
      ['ACL', 'SETUSER', 'e', 'reset'],
      ['ACL', 'LIST'],
    ],
  },
]));

runScenarios('acl: the other subcommands', isolated([
  {
    name: 'DELUSER',
    steps: [
      ['ACL', 'SETUSER', 'bob'],
      ['ACL', 'SETUSER', 'alice'],
      ['ACL', 'DELUSER', 'default', 'bob'],
      ['ACL', 'DELUSER', 'bob', 'nobody', 'bob', 'alice'],
      ['ACL', 'DELUSER', 'nobody'],
      ['ACL', 'DELUSER'],
      ['ACL', 'USERS'],
    ],
  },
  {
    name: 'GETUSER and WHOAMI',
    steps: [['ACL', 'GETUSER', 'nobody'], ['ACL', 'GETUSER'], ['ACL', 'GETUSER', 'a', 'b'], ['ACL', 'WHOAMI', 'x'], ['ACL', 'WHOAMI']],
  },
  {
    name: 'CAT',
    steps: [
      ['ACL', 'CAT'],
      { cmd: ['ACL', 'CAT', 'keyspace'], compare: 'unordered' },
      { cmd: ['ACL', 'CAT', 'DANGEROUS'], compare: 'unordered' },
      { cmd: ['ACL', 'CAT', 'slow'], compare: 'unordered' },
      { cmd: ['ACL', 'CAT', 'connection'], compare: 'unordered' },
      ['ACL', 'CAT', 'nope'],
      ['ACL', 'CAT', 'a', 'b'],
    ],
  },
  {
    name: 'GENPASS',
    steps: [
      { cmd: ['ACL', 'GENPASS'], compare: 'shape' },
      { cmd: ['ACL', 'GENPASS', '5'], compare: 'shape' },
      { cmd: ['ACL', 'GENPASS', '4096'], compare: 'shape' },
      ['ACL', 'GENPASS', '0'],
      ['ACL', 'GENPASS', '4097'],
      ['ACL', 'GENPASS', '-1'],
      ['ACL', 'GENPASS', 'x'],
      ['ACL', 'GENPASS', '1', '2'],
    ],
  },
  {
    name: 'DRYRUN',
    steps: [
      ['ACL', 'SETUSER', 'bob', 'on', '~k*', '&ch*', '+exists', '+del', '+@connection', '+client|id'],
      ['ACL', 'DRYRUN', 'bob', 'exists', 'k1'],
      ['ACL', 'DRYRUN', 'bob', 'exists', 'k1', 'zz', 'k2', 'yy'],
      ['ACL', 'DRYRUN', 'bob', 'get', 'k1'],
      ['ACL', 'DRYRUN', 'bob', 'GET', 'k1'],
      ['ACL', 'DRYRUN', 'bob', 'config', 'get', 'x'],
      ['ACL', 'DRYRUN', 'bob', 'config', 'nope'],
      ['ACL', 'DRYRUN', 'bob', 'config'],
      ['ACL', 'DRYRUN', 'bob', 'nope'],
      ['ACL', 'DRYRUN', 'bob', 'exists'],
      ['ACL', 'DRYRUN', 'nobody', 'get', 'x'],
      ['ACL', 'DRYRUN', 'bob', 'client', 'id'],
      ['ACL', 'DRYRUN', 'bob', 'client', 'kill', 'x'],
      ['ACL', 'DRYRUN', 'bob', 'publish', 'ch1', 'm'],
      ['ACL', 'DRYRUN', 'bob', 'publish', 'other', 'm'],
      ['ACL', 'DRYRUN', 'bob', 'subscribe', 'ch1', 'x', 'y'],
      ['ACL', 'DRYRUN', 'bob', 'psubscribe', 'ch*'],
      ['ACL', 'DRYRUN', 'bob', 'psubscribe', 'ch1'],
      ['ACL', 'DRYRUN', 'bob', 'auth', 'a', 'b'],
      ['ACL', 'DRYRUN'],
      ['ACL', 'DRYRUN', 'bob'],
      ['ACL', 'DRYRUN', 'bob', 'nope'],
      ['ACL', 'LOG'],
    ],
  },
  {
    name: 'LOAD and SAVE without an aclfile',
    steps: [['ACL', 'LOAD'], ['ACL', 'SAVE'], ['ACL', 'LOAD', 'x']],
  },
  { name: 'HELP and unknown subcommands', steps: [['ACL', 'HELP'], ['ACL', 'help', 'x'], ['ACL', 'NOPE'], ['ACL']] },
]));

runScenarios('acl: AUTH and HELLO against users', isolated([
  {
    name: 'AUTH as a user',
    steps: [
      ['ACL', 'SETUSER', 'bob', 'on', '>pw', '+@all', '~*'],
      ['ACL', 'SETUSER', 'dis', 'off', '>pw', '+@all'],
      { cmd: ['AUTH', 'bob', 'pw'], conn: 'b' },
      { cmd: ['ACL', 'WHOAMI'], conn: 'b' },
      { cmd: ['AUTH', 'bob', 'wrong'], conn: 'b' },
      { cmd: ['ACL', 'WHOAMI'], conn: 'b' },
      { cmd: ['AUTH', 'dis', 'pw'], conn: 'b' },
      { cmd: ['AUTH', 'nobody', 'pw'], conn: 'b' },
      { cmd: ['AUTH', 'default', 'whatever'], conn: 'b' },
      { cmd: ['ACL', 'WHOAMI'], conn: 'b' },
      ['AUTH', 'pw'],
      { cmd: ['ACL', 'LOG'], compare: LOG },
      { cmd: ['ACL', 'LOG', '2'], compare: LOG },
      ['ACL', 'LOG', '0'],
      ['ACL', 'LOG', '-5'],
      ['ACL', 'LOG', 'x'],
      ['ACL', 'LOG', 'reset'],
      ['ACL', 'LOG'],
    ],
  },
  {
    name: 'HELLO AUTH as a user',
    steps: [
      ['ACL', 'SETUSER', 'bob', 'on', '>pw', '+@all', '~*'],
      { cmd: ['HELLO', '2', 'AUTH', 'bob', 'pw'], conn: 'b', compare: { except: ['id'] } },
      { cmd: ['ACL', 'WHOAMI'], conn: 'b' },
      { cmd: ['hello', '2', 'AUTH', 'bob', 'no'], conn: 'b' },
      { cmd: ['ACL', 'LOG'], compare: LOG },
    ],
  },
  {
    name: 'a password on the default user requires authentication',
    steps: [
      ['ACL', 'SETUSER', 'default', '>secret'],
      { cmd: ['PING'], conn: 'b' },
      { cmd: ['AUTH', 'secret'], conn: 'b' },
      { cmd: ['PING'], conn: 'b' },
      { cmd: ['CONFIG', 'GET', 'requirepass'], conn: 'b' },
      ['ACL', 'SETUSER', 'default', 'nopass'],
      { cmd: ['PING'], conn: 'c' },
      ['ACL', 'SETUSER', 'default', 'off'],
      { cmd: ['PING'], conn: 'd' },
      { cmd: ['AUTH', 'x'], conn: 'd' },
    ],
  },
  {
    name: 'requirepass is the default user password',
    steps: [
      ['CONFIG', 'SET', 'requirepass', 'rp'],
      ['ACL', 'LIST'],
      ['ACL', 'SETUSER', 'default', '>other'],
      { cmd: ['AUTH', 'other'], conn: 'b' },
      { cmd: ['AUTH', 'rp'], conn: 'c' },
      ['CONFIG', 'SET', 'requirepass', 'rp'],
      ['ACL', 'LIST'],
      ['CONFIG', 'SET', 'requirepass', ''],
      ['ACL', 'LIST'],
      { cmd: ['AUTH', 'x'], conn: 'e' },
    ],
  },
]));

runScenarios('acl: permission checks', isolated([
  {
    name: 'command permissions',
    steps: [
      ['ACL', 'SETUSER', 'bob', 'on', 'nopass', '~*', '&*', '-@all', '+ping', '+acl|whoami', '+client'],
      { cmd: ['AUTH', 'bob', 'x'], conn: 'b' },
      { cmd: ['PING'], conn: 'b' },
      { cmd: ['ECHO', 'x'], conn: 'b' },
      { cmd: ['ACL', 'WHOAMI'], conn: 'b' },
      { cmd: ['ACL', 'USERS'], conn: 'b' },
      { cmd: ['CLIENT', 'GETNAME'], conn: 'b' },
      { cmd: ['CONFIG', 'GET', 'x'], conn: 'b' },
      { cmd: ['NOPE'], conn: 'b' },
      { cmd: ['ECHO'], conn: 'b' },
      { cmd: ['AUTH', 'bob', 'x'], conn: 'b' },
      { cmd: ['HELLO'], conn: 'b', compare: { except: ['id'] } },
      { cmd: ['ACL', 'LOG'], compare: LOG },
    ],
  },
  {
    name: 'first-argument rules',
    steps: [
      ['ACL', 'SETUSER', 'bob', 'on', 'nopass', '~*', '-@all', '+select|0', '+select|1'],
      { cmd: ['AUTH', 'bob', 'x'], conn: 'b' },
      { cmd: ['SELECT', '0'], conn: 'b' },
      { cmd: ['SELECT', '1'], conn: 'b' },
      { cmd: ['SELECT', '2'], conn: 'b' },
      { cmd: ['ACL', 'LOG', '1'], compare: LOG },
    ],
  },
  {
    name: 'key permissions',
    steps: [
      ['ACL', 'SETUSER', 'bob', 'on', 'nopass', '+@all', '~k*', '%R~r*', '%W~w*'],
      { cmd: ['AUTH', 'bob', 'x'], conn: 'b' },
      { cmd: ['EXISTS', 'k1', 'r1'], conn: 'b' },
      { cmd: ['EXISTS', 'k1', 'w1'], conn: 'b' },
      { cmd: ['DEL', 'w1', 'k1'], conn: 'b' },
      { cmd: ['DEL', 'r1'], conn: 'b' },
      { cmd: ['COPY', 'r1', 'w1'], conn: 'b' },
      { cmd: ['COPY', 'w1', 'r1'], conn: 'b' },
      { cmd: ['RENAME', 'k1', 'w1'], conn: 'b' },
      { cmd: ['EXISTS', 'zz', 'yy'], conn: 'b' },
      { cmd: ['KEYS', '*'], conn: 'b' },
      { cmd: ['ACL', 'LOG'], compare: LOG },
    ],
  },
  {
    name: 'selectors each allow part',
    steps: [
      ['ACL', 'SETUSER', 'sel', 'on', 'nopass', '~a*', '+exists', '(~b* +del)', '(%R~c* +@keyspace)'],
      { cmd: ['AUTH', 'sel', 'x'], conn: 'b' },
      { cmd: ['EXISTS', 'a1'], conn: 'b' },
      { cmd: ['EXISTS', 'b1'], conn: 'b' },
      { cmd: ['EXISTS', 'c1'], conn: 'b' },
      { cmd: ['DEL', 'b1'], conn: 'b' },
      { cmd: ['DEL', 'a1'], conn: 'b' },
      { cmd: ['DEL', 'c1'], conn: 'b' },
      { cmd: ['EXISTS', 'a1', 'b1'], conn: 'b' },
      { cmd: ['PING'], conn: 'b' },
      { cmd: ['ACL', 'LOG'], compare: LOG },
    ],
  },
  {
    name: 'the log groups repeated denials',
    steps: [
      ['ACL', 'SETUSER', 'bob', 'on', 'nopass', '~k*', '-@all', '+exists'],
      { cmd: ['AUTH', 'bob', 'x'], conn: 'b' },
      { cmd: ['PING'], conn: 'b' },
      { cmd: ['PING'], conn: 'b' },
      { cmd: ['EXISTS', 'z'], conn: 'b' },
      { cmd: ['PING'], conn: 'b' },
      { cmd: ['ACL', 'LOG'], compare: LOG },
      { cmd: ['CONFIG', 'SET', 'acllog-max-len', '1'], conn: 'setup' },
      { cmd: ['ECHO', 'x'], conn: 'b' },
      { cmd: ['ACL', 'LOG'], compare: LOG },
      { cmd: ['CONFIG', 'SET', 'acllog-max-len', '128'], conn: 'setup' },
    ],
  },
  {
    name: 'inside MULTI: refused while queueing, and at EXEC when the rules changed',
    steps: [
      ['ACL', 'SETUSER', 'bob', 'on', 'nopass', '~k*', '+@all'],
      { cmd: ['AUTH', 'bob', 'x'], conn: 'b' },
      { cmd: ['MULTI'], conn: 'b' },
      { cmd: ['EXISTS', 'k1'], conn: 'b' },
      { cmd: ['EXISTS', 'z1'], conn: 'b' },
      { cmd: ['EXEC'], conn: 'b' },
      { cmd: ['MULTI'], conn: 'b' },
      { cmd: ['EXISTS', 'k1'], conn: 'b' },
      { cmd: ['PING'], conn: 'b' },
      { cmd: ['DEL', 'k2'], conn: 'b' },
      ['ACL', 'SETUSER', 'bob', '-ping', 'resetkeys', '~j*'],
      { cmd: ['EXEC'], conn: 'b' },
      { cmd: ['ACL', 'LOG'], compare: LOG },
    ],
  },
  {
    name: 'a user deleted while connected is disconnected',
    steps: [
      ['ACL', 'SETUSER', 'bob', 'on', 'nopass', '+@all', '~*'],
      { cmd: ['AUTH', 'bob', 'x'], conn: 'b' },
      { cmd: ['ACL', 'WHOAMI'], conn: 'b' },
      ['ACL', 'DELUSER', 'bob'],
      { cmd: ['PING'], conn: 'b' },
      { cmd: ['AUTH', 'bob', 'x'], conn: 'c' },
      { cmd: ['ACL', 'SETUSER', 'bob', 'on', 'nopass', '+@all'], conn: 'c' },
      { cmd: ['AUTH', 'bob', 'x'], conn: 'c' },
      { cmd: ['ACL', 'DELUSER', 'bob'], conn: 'c' },
      { cmd: ['PING'], conn: 'c' },
    ],
  },
  {
    name: 'a user switched off keeps its connections',
    steps: [
      ['ACL', 'SETUSER', 'bob', 'on', 'nopass', '+@all', '~*'],
      { cmd: ['AUTH', 'bob', 'x'], conn: 'b' },
      ['ACL', 'SETUSER', 'bob', 'off', '-ping'],
      { cmd: ['ECHO', 'still'], conn: 'b' },
      { cmd: ['PING'], conn: 'b' },
      { cmd: ['AUTH', 'bob', 'x'], conn: 'c' },
    ],
  },
]));

// Redis 7.0 only: 7.2.4 and 7.4.1 leave a failed AUTH's error out of EXEC's array (which
// announces one reply more than it sends); the fake sends every reply.
run70('acl: AUTH inside MULTI', { createServer }, isolated([
  {
    name: 'AUTH inside MULTI is logged with context multi',
    steps: [
      ['ACL', 'SETUSER', 'bob', 'on', '>pw', '+@all', '~*'],
      { cmd: ['MULTI'], conn: 'b' },
      { cmd: ['AUTH', 'bob', 'wrong'], conn: 'b' },
      { cmd: ['AUTH', 'bob', 'pw'], conn: 'b' },
      { cmd: ['ACL', 'WHOAMI'], conn: 'b' },
      { cmd: ['EXEC'], conn: 'b' },
      { cmd: ['ACL', 'LOG'], compare: LOG },
    ],
  },
]));
