import { runScenarios, clientInfoLines } from '@fakeredis/tooling/conformance';
import { coreMixins, FakeServer } from '../../src/index.js';

// Connection commands that need no keys: PING, ECHO, HELLO, AUTH (no password), SELECT,
// CLIENT, RESET and QUIT. Connection ids, addresses, ages and descriptors differ between
// the two servers: HELLO and CLIENT INFO are exact but for those fields; CLIENT LIST
// (other connections) is compared by shape; everything else is exact.
const createServer = (config: Record<string, string>) => new FakeServer({ mixins: [...coreMixins], config });
const HELLO = { except: ['id'] };
// rbp: Redis's clientsCron resets the reply-buffer peak on its own schedule (a cron tick after connecting).
const CLIENT_INFO = clientInfoLines();

runScenarios('connection: PING and ECHO', { createServer }, [
  { name: 'PING', steps: [['PING'], ['ping', 'hello'], ['PING', ''], ['PING', Buffer.from([0, 255, 13, 10])]] },
  { name: 'PING with two arguments is an arity error', steps: [['PING', 'a', 'b'], ['PING', 'a', 'b', 'c']] },
  { name: 'ECHO', steps: [['ECHO', 'x'], ['ECHO', ''], ['ECHO', Buffer.from([1, 2, 255])]] },
  { name: 'ECHO arity', steps: [['ECHO'], ['ECHO', 'a', 'b']] },
]);

runScenarios('connection: HELLO', { createServer }, [
  { name: 'HELLO without arguments describes the server', steps: [{ cmd: ['HELLO'], compare: HELLO }, ['PING']] },
  {
    name: 'HELLO switches protocol both ways',
    steps: [
      { cmd: ['HELLO', '3'], compare: HELLO },
      ['CLIENT', 'GETNAME'],
      { cmd: ['HELLO', '2'], compare: HELLO },
      ['CLIENT', 'GETNAME'],
      { cmd: ['HELLO'], compare: HELLO },
    ],
  },
  {
    name: 'HELLO protocol version errors',
    steps: [
      ['HELLO', '4'],
      ['HELLO', '1'],
      ['HELLO', '0'],
      ['HELLO', '-1'],
      ['HELLO', 'x'],
      ['HELLO', '03'],
      ['HELLO', '3.0'],
      ['HELLO', '99999999999999999999'],
      ['HELLO', '4', 'foo'],
      ['CLIENT', 'GETNAME'],
    ],
  },
  {
    name: 'HELLO option errors',
    steps: [
      ['HELLO', '3', 'foo'],
      ['HELLO', '3', 'auth'],
      ['HELLO', '3', 'AUTH', 'default'],
      ['HELLO', '2', 'SETNAME'],
      ['HELLO', '2', 'setname', 'a b'],
      ['HELLO', '2', 'setname', 'a\nb'],
      ['HELLO', '2', 'AUTH', 'bob', 'pw'],
      ['CLIENT', 'GETNAME'],
    ],
  },
  {
    name: 'HELLO SETNAME and AUTH (no password set: any password is accepted)',
    steps: [
      { cmd: ['HELLO', '2', 'SETNAME', 'first', 'AUTH', 'default', 'anything'], compare: HELLO },
      ['CLIENT', 'GETNAME'],
      { cmd: ['hello', '3', 'auth', 'default', '', 'setname', 'second'], compare: HELLO },
      ['CLIENT', 'GETNAME'],
      { cmd: ['HELLO', '3', 'SETNAME', ''], compare: HELLO },
      ['CLIENT', 'GETNAME'],
    ],
  },
  {
    name: 'a SETNAME before a failing AUTH is kept',
    steps: [['HELLO', '3', 'SETNAME', 'kept', 'AUTH', 'nobody', 'x'], ['CLIENT', 'GETNAME']],
  },
  {
    name: 'an error leaves the protocol unchanged',
    steps: [['HELLO', '2', 'SETNAME', 'bad name'], { cmd: ['HELLO'], compare: HELLO }],
  },
]);

runScenarios('connection: AUTH without a password', { createServer }, [
  {
    name: 'AUTH forms',
    steps: [
      ['AUTH', 'secret'],
      ['AUTH', 'default', 'secret'],
      ['AUTH', 'default', ''],
      ['AUTH', 'bob', 'secret'],
      ['AUTH', 'a', 'b', 'c'],
      ['AUTH'],
      ['PING'],
    ],
  },
]);

runScenarios('connection: SELECT', { createServer }, [
  {
    name: 'SELECT indexes',
    steps: [
      ['SELECT', '0'],
      ['SELECT', '15'],
      ['SELECT', '16'],
      ['SELECT', '-1'],
      ['SELECT', '2147483647'],
      ['SELECT', '2147483648'],
      ['SELECT', '-2147483649'],
      ['SELECT', '9223372036854775808'],
      ['SELECT', 'abc'],
      ['SELECT', '01'],
      ['SELECT', ' 1'],
      ['SELECT', '1.0'],
      ['SELECT'],
      ['SELECT', '1', '2'],
    ],
  },
]);

runScenarios('connection: CLIENT names and identity', { createServer }, [
  {
    name: 'SETNAME and GETNAME',
    steps: [
      ['CLIENT', 'GETNAME'],
      ['CLIENT', 'SETNAME', 'worker-1'],
      ['CLIENT', 'GETNAME'],
      ['client', 'setname', '!~{}[]"\'`'],
      ['CLIENT', 'GETNAME'],
      ['CLIENT', 'SETNAME', ''],
      ['CLIENT', 'GETNAME'],
    ],
  },
  {
    name: 'invalid names',
    steps: [
      ['CLIENT', 'SETNAME', 'worker'],
      ['CLIENT', 'SETNAME', 'a b'],
      ['CLIENT', 'SETNAME', 'a\r\nb'],
      ['CLIENT', 'SETNAME', 'a\tb'],
      ['CLIENT', 'SETNAME', Buffer.from([0x61, 0x00])],
      ['CLIENT', 'SETNAME', Buffer.from([0x61, 0x7f])],
      ['CLIENT', 'SETNAME', 'é'],
      ['CLIENT', 'GETNAME'],
    ],
  },
  {
    name: 'names are per connection',
    steps: [['CLIENT', 'SETNAME', 'a'], { cmd: ['CLIENT', 'GETNAME'], conn: 'b' }, ['CLIENT', 'GETNAME']],
  },
  {
    name: 'CLIENT arity and unknown subcommands',
    steps: [
      ['CLIENT'],
      ['CLIENT', 'NOPE'],
      ['CLIENT', 'ID', 'x'],
      ['CLIENT', 'GETNAME', 'x'],
      ['CLIENT', 'SETNAME'],
      ['CLIENT', 'SETNAME', 'a', 'b'],
      ['CLIENT', 'INFO', 'x'],
      ['CLIENT', 'KILL'],
      ['CLIENT', 'REPLY'],
      ['CLIENT', 'NO-EVICT'],
      ['CLIENT', 'HELP', 'x'],
    ],
  },
  // NO-TOUCH and SETINFO exist from Redis 7.2.
  { name: 'CLIENT NO-TOUCH and SETINFO are unknown in 7.0', steps: [['CLIENT', 'NO-TOUCH', 'on'], ['CLIENT', 'SETINFO', 'lib-name', 'x']] },
  { name: 'CLIENT ID is an integer', steps: [{ cmd: ['CLIENT', 'ID'], compare: 'shape' }] },
  { name: 'CLIENT HELP', steps: [['CLIENT', 'HELP'], ['client', 'help']] },
  {
    name: 'CLIENT NO-EVICT',
    steps: [
      ['CLIENT', 'NO-EVICT', 'on'],
      ['CLIENT', 'NO-EVICT', 'OFF'],
      ['CLIENT', 'NO-EVICT', 'On'],
      ['CLIENT', 'NO-EVICT', 'maybe'],
      ['CLIENT', 'NO-EVICT', ''],
    ],
  },
]);

runScenarios('connection: CLIENT INFO and LIST', { createServer }, [
  { name: 'CLIENT INFO', steps: [{ cmd: ['CLIENT', 'INFO'], compare: CLIENT_INFO }] },
  {
    name: 'CLIENT LIST',
    steps: [
      { cmd: ['CLIENT', 'LIST'], compare: 'shape' },
      { cmd: ['CLIENT', 'LIST', 'TYPE', 'normal'], compare: 'shape' },
      { cmd: ['CLIENT', 'LIST', 'TYPE', 'NORMAL'], compare: 'shape' },
    ],
  },
  {
    name: 'CLIENT LIST of types nobody has is empty',
    steps: [
      ['CLIENT', 'LIST', 'TYPE', 'pubsub'],
      ['CLIENT', 'LIST', 'TYPE', 'master'],
      ['CLIENT', 'LIST', 'TYPE', 'replica'],
      ['CLIENT', 'LIST', 'TYPE', 'slave'],
    ],
  },
  {
    name: 'CLIENT LIST ID of unknown ids is empty',
    steps: [
      ['CLIENT', 'LIST', 'ID', '999999999'],
      ['CLIENT', 'LIST', 'ID', '-5', '0', '999999998'],
      ['CLIENT', 'LIST', 'ID', '9223372036854775807'],
    ],
  },
  {
    name: 'CLIENT LIST errors',
    steps: [
      ['CLIENT', 'LIST', 'TYPE', 'foo'],
      ['CLIENT', 'LIST', 'TYPE'],
      ['CLIENT', 'LIST', 'TYPE', 'normal', 'x'],
      ['CLIENT', 'LIST', 'ID'],
      ['CLIENT', 'LIST', 'ID', '1', 'abc'],
      ['CLIENT', 'LIST', 'ID', '9223372036854775808'],
      ['CLIENT', 'LIST', 'ID', '1.5'],
      ['CLIENT', 'LIST', 'foo'],
      ['CLIENT', 'LIST', 'foo', 'bar'],
    ],
  },
]);

runScenarios('connection: CLIENT KILL', { createServer }, [
  {
    name: 'option errors, checked in order',
    steps: [
      ['CLIENT', 'KILL', 'ID', '0'],
      ['CLIENT', 'KILL', 'ID', '-1'],
      ['CLIENT', 'KILL', 'ID', 'abc'],
      ['CLIENT', 'KILL', 'ID', '1.5'],
      ['CLIENT', 'KILL', 'ID', '9223372036854775808'],
      ['CLIENT', 'KILL', 'TYPE', 'foo'],
      ['CLIENT', 'KILL', 'USER', 'bob'],
      ['CLIENT', 'KILL', 'SKIPME', 'maybe'],
      ['CLIENT', 'KILL', 'FOO', 'bar'],
      ['CLIENT', 'KILL', 'ID', '1', 'TYPE'],
      ['CLIENT', 'KILL', 'ID', '999999', 'TYPE', 'foo'],
      ['CLIENT', 'KILL', 'TYPE', 'foo', 'ID', '0'],
      ['CLIENT', 'KILL', 'ADDR', '1.2.3.4:5', 'SKIPME'],
    ],
  },
  {
    name: 'nothing matches',
    steps: [
      ['CLIENT', 'KILL', '1.2.3.4:5'],
      ['CLIENT', 'KILL', 'ID'],
      ['CLIENT', 'KILL', 'ADDR', '1.2.3.4:5'],
      ['CLIENT', 'KILL', 'LADDR', '1.2.3.4:5'],
      ['CLIENT', 'KILL', 'ID', '999999'],
      ['CLIENT', 'KILL', 'ID', '9223372036854775807'],
      ['CLIENT', 'KILL', 'USER', 'default', 'ID', '999999'],
      ['CLIENT', 'KILL', 'TYPE', 'master'],
      ['CLIENT', 'KILL', 'TYPE', 'replica', 'SKIPME', 'no'],
      ['CLIENT', 'KILL', 'TYPE', 'pubsub'],
      ['PING'],
    ],
  },
]);

runScenarios('connection: CLIENT REPLY', { createServer }, [
  {
    name: 'OFF silences every reply until ON',
    steps: [
      { cmd: ['CLIENT', 'REPLY', 'OFF'], replies: 0 },
      { cmd: ['PING'], replies: 0 },
      { cmd: ['ECHO', 'x'], replies: 0 },
      { cmd: ['CLIENT', 'NOPE'], replies: 0 },
      { cmd: ['CLIENT', 'REPLY', 'SKIP'], replies: 0 },
      { cmd: ['PING'], replies: 0 },
      ['CLIENT', 'REPLY', 'ON'],
      ['PING'],
      { messages: 'a' },
    ],
  },
  {
    name: 'SKIP drops only the next reply',
    steps: [
      { cmd: ['CLIENT', 'REPLY', 'SKIP'], replies: 0 },
      { cmd: ['ECHO', 'skipped'], replies: 0 },
      ['ECHO', 'sent'],
      { cmd: ['client', 'reply', 'skip'], replies: 0 },
      { cmd: ['CLIENT', 'REPLY', 'SKIP'], replies: 0 },
      { cmd: ['ECHO', 'skipped too'], replies: 0 },
      ['ECHO', 'sent too'],
      { messages: 'a' },
    ],
  },
  {
    name: 'SKIP then ON replies to ON',
    steps: [{ cmd: ['CLIENT', 'REPLY', 'SKIP'], replies: 0 }, ['CLIENT', 'REPLY', 'ON'], ['PING'], { messages: 'a' }],
  },
  {
    name: 'SKIP then OFF stays off',
    steps: [
      { cmd: ['CLIENT', 'REPLY', 'SKIP'], replies: 0 },
      { cmd: ['CLIENT', 'REPLY', 'OFF'], replies: 0 },
      { cmd: ['PING'], replies: 0 },
      ['CLIENT', 'REPLY', 'ON'],
      { messages: 'a' },
    ],
  },
  {
    name: 'errors are skipped too',
    steps: [
      { cmd: ['CLIENT', 'REPLY', 'SKIP'], replies: 0 },
      { cmd: ['CLIENT', 'REPLY', 'maybe'], replies: 0 },
      ['CLIENT', 'REPLY', 'maybe'],
      { messages: 'a' },
    ],
  },
  {
    name: 'RESET turns replies back on, but a pending SKIP drops its reply',
    steps: [
      { cmd: ['CLIENT', 'REPLY', 'OFF'], replies: 0 },
      ['RESET'],
      ['PING'],
      { cmd: ['CLIENT', 'REPLY', 'SKIP'], replies: 0 },
      { cmd: ['RESET'], replies: 0 },
      ['PING'],
      { messages: 'a' },
    ],
  },
  {
    name: 'the reply mode is per connection',
    steps: [
      { cmd: ['CLIENT', 'REPLY', 'OFF'], replies: 0 },
      { cmd: ['PING'], conn: 'b' },
      { cmd: ['PING'], replies: 0 },
      ['CLIENT', 'REPLY', 'ON'],
      { messages: 'a' },
    ],
  },
]);

runScenarios('connection: RESET and QUIT', { createServer }, [
  {
    name: 'RESET clears name, transaction, database and protocol',
    steps: [
      ['CLIENT', 'SETNAME', 'before'],
      ['SELECT', '3'],
      ['MULTI'],
      ['PING'],
      ['RESET'],
      ['CLIENT', 'GETNAME'],
      ['EXEC'],
      { cmd: ['HELLO'], compare: HELLO },
      ['reset'],
      ['RESET', 'x'],
    ],
  },
  {
    name: 'RESET is not queued',
    steps: [['MULTI'], ['RESET'], ['DISCARD']],
  },
  {
    name: 'QUIT replies OK and closes',
    steps: [['CLIENT', 'SETNAME', 'x'], ['QUIT'], { cmd: ['CLIENT', 'GETNAME'], conn: 'b' }],
  },
  { name: 'QUIT ignores arguments', steps: [['QUIT', 'now', 'please']] },
  { name: 'QUIT inside MULTI is not queued', steps: [['MULTI'], ['PING'], ['QUIT']] },
]);

// Unblocking a client that waits is compared through the clients' tests (lists/test/clients),
// which know each server's client ids; here, what needs no id.
runScenarios('connection: CLIENT UNBLOCK', { createServer }, [
  {
    name: 'a client that is not blocked, or does not exist, and the errors',
    steps: [
      ['CLIENT', 'UNBLOCK', '999999'], ['CLIENT', 'UNBLOCK', '999999', 'TIMEOUT'], ['CLIENT', 'UNBLOCK', '999999', 'error'],
      ['CLIENT', 'UNBLOCK', '0'], ['CLIENT', 'UNBLOCK', '-5'], ['CLIENT', 'UNBLOCK', 'abc'], ['CLIENT', 'UNBLOCK', 'abc', 'later'],
      ['CLIENT', 'UNBLOCK', '1', 'later'], ['CLIENT', 'UNBLOCK', '1', 'timeout', 'x'], ['CLIENT', 'UNBLOCK'],
      ['CLIENT', 'UNBLOCK', '99999999999999999999'],
    ],
  },
]);
