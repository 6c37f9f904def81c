import { pipeline, runScenarios, type Scenario, type Step } from '@fakeredis/tooling/conformance';
import { keyspaceServer } from '../keyspace/fixtures.js';

const options = { createServer: (config: Record<string, string>) => keyspaceServer({ config }) };
const bin = (...bytes: number[]) => Buffer.from(bytes);

const delExists: Scenario[] = [
  {
    name: 'DEL counts deleted keys once, skips missing ones',
    steps: [['SET', 'a', '1'], ['SET', 'b', '2'], ['DEL', 'a', 'b', 'c', 'a'], ['EXISTS', 'a', 'b'], ['DEL', 'a']],
  },
  {
    name: 'UNLINK',
    steps: [['SET', 'a', '1'], ['RPUSH', 'l', 'x'], ['UNLINK', 'a', 'l', 'z'], ['EXISTS', 'a', 'l'], ['UNLINK', 'a']],
  },
  {
    name: 'EXISTS and TOUCH count repeats',
    steps: [['SET', 'a', '1'], ['EXISTS', 'a', 'a', 'b'], ['TOUCH', 'a', 'b', 'a'], ['EXISTS', 'nokey'], ['TOUCH', 'nokey']],
  },
  {
    name: 'TYPE of every type and of a missing key',
    steps: [
      ['SET', 's', 'v'], ['RPUSH', 'l', 'a'], ['SADD', 'set', 'm'], ['HSET', 'h', 'f', 'v'], ['ZADD', 'z', '1', 'm'],
      ['TYPE', 's'], ['TYPE', 'l'], ['TYPE', 'set'], ['TYPE', 'h'], ['TYPE', 'z'], ['TYPE', 'nokey'],
    ],
  },
  {
    name: 'binary keys',
    steps: [
      ['SET', bin(0, 255, 10), 'v'], ['EXISTS', bin(0, 255, 10)], ['TYPE', bin(0, 255, 10)], ['SET', '', 'empty'],
      ['EXISTS', ''], ['DEL', bin(0, 255, 10), ''], ['EXISTS', bin(0, 255, 10), ''],
    ],
  },
  {
    name: 'arity errors',
    steps: [['DEL'], ['UNLINK'], ['EXISTS'], ['TOUCH'], ['TYPE'], ['TYPE', 'a', 'b'], ['DBSIZE', 'x'], ['RANDOMKEY', 'x'], ['KEYS'], ['SCAN']],
  },
  {
    name: 'expired keys are gone for DEL, EXISTS, TYPE, TTL',
    steps: [
      ['SET', 'a', '1'], ['PEXPIRE', 'a', '30'], ['SET', 'b', '1'], ['PEXPIRE', 'b', '30'], ['SET', 'c', '1'], ['PEXPIRE', 'c', '30'],
      { sleep: 80 }, ['DEL', 'a'], ['EXISTS', 'b'], ['TYPE', 'c'], ['TTL', 'a'], ['DBSIZE'],
    ],
  },
];

const renames: Scenario[] = [
  {
    name: 'RENAME and RENAMENX of a missing key',
    steps: [['RENAME', 'a', 'b'], ['RENAMENX', 'a', 'b'], ['RENAME', 'a', 'a'], ['RENAMENX', 'a', 'a']],
  },
  {
    name: 'RENAME a key to itself',
    steps: [['SET', 'a', '1'], ['EXPIRE', 'a', '100'], ['RENAME', 'a', 'a'], ['RENAMENX', 'a', 'a'], ['GET', 'a'], ['TTL', 'a']],
  },
  {
    name: 'RENAME overwrites the target and its expiry',
    steps: [
      ['SET', 'a', '1'], ['SET', 'b', '2'], ['EXPIRE', 'b', '100'], ['RENAME', 'a', 'b'], ['GET', 'b'], ['TTL', 'b'],
      ['EXISTS', 'a'], ['DBSIZE'],
    ],
  },
  {
    name: 'RENAME keeps the expiry and the type',
    steps: [
      ['RPUSH', 'l', 'x', 'y'], ['EXPIRE', 'l', '100'], ['RENAME', 'l', 'm'], ['TYPE', 'm'], ['TTL', 'm'], ['TTL', 'l'],
      ['RPUSH', 'm', 'z'], ['OBJECT', 'ENCODING', 'm'],
    ],
  },
  {
    name: 'RENAMENX only to a free name',
    steps: [
      ['SET', 'a', '1'], ['SET', 'b', '2'], ['RENAMENX', 'a', 'b'], ['GET', 'b'], ['RENAMENX', 'a', 'c'], ['GET', 'c'],
      ['EXISTS', 'a'],
    ],
  },
  {
    name: 'RENAME binary names and arity',
    steps: [['SET', bin(0, 1), 'v'], ['RENAME', bin(0, 1), bin(255)], ['GET', bin(255)], ['RENAME', 'a'], ['RENAMENX', 'a', 'b', 'c']],
  },
];

const copyMove: Scenario[] = [
  {
    name: 'MOVE errors',
    steps: [
      ['SET', 'a', '1'], ['MOVE', 'a', '0'], ['MOVE', 'a', '16'], ['MOVE', 'a', '-1'], ['MOVE', 'a', 'x'], ['MOVE', 'a', '1.0'],
      ['MOVE', 'a', '2147483648'], ['MOVE', 'a', '-2147483649'], ['MOVE', 'a', '99999999999999999999'], ['MOVE', 'nokey', '0'],
      ['MOVE', 'a'], ['MOVE', 'a', '1', '2'],
    ],
  },
  {
    name: 'MOVE to another database, with the expiry',
    steps: [
      ['SET', 'a', '1'], ['EXPIRE', 'a', '100'], ['MOVE', 'a', '1'], ['EXISTS', 'a'], ['MOVE', 'nokey', '1'], ['SELECT', '1'],
      ['GET', 'a'], ['TTL', 'a'], ['DBSIZE'],
    ],
  },
  {
    name: 'MOVE refuses when the target has the key',
    steps: [['SELECT', '3'], ['SET', 'a', 'there'], ['SELECT', '0'], ['SET', 'a', 'here'], ['MOVE', 'a', '3'], ['GET', 'a'], ['SELECT', '3'], ['GET', 'a']],
  },
  {
    name: 'COPY errors',
    steps: [
      ['SET', 'a', '1'], ['COPY', 'a', 'a'], ['COPY', 'a', 'a', 'DB', '0'], ['COPY', 'a', 'b', 'DB'], ['COPY', 'a', 'b', 'DB', '16'],
      ['COPY', 'a', 'b', 'DB', 'x'], ['COPY', 'a', 'b', 'DB', '2147483648'], ['COPY', 'a', 'b', 'foo'], ['COPY', 'a', 'b', 'REPLACE', 'x'],
      ['COPY', 'a'], ['COPY', 'nokey', 'nokey'], ['COPY', 'a', 'a', 'DB', '16'],
    ],
  },
  {
    name: 'COPY to a free name, an existing one and with REPLACE',
    steps: [
      ['SET', 'a', '1'], ['SET', 'b', '2'], ['COPY', 'nokey', 'x'], ['COPY', 'a', 'b'], ['GET', 'b'], ['COPY', 'a', 'b', 'replace'],
      ['GET', 'b'], ['COPY', 'a', 'c', 'REPLACE', 'REPLACE'], ['GET', 'c'], ['DBSIZE'],
    ],
  },
  {
    name: 'COPY keeps the expiry; REPLACE drops the old one',
    steps: [
      ['SET', 'a', '1'], ['EXPIRE', 'a', '100'], ['SET', 'b', '2'], ['EXPIRE', 'b', '500'], ['COPY', 'a', 'c'], ['TTL', 'c'],
      ['PERSIST', 'a'], ['COPY', 'a', 'b', 'REPLACE'], ['TTL', 'b'],
    ],
  },
  {
    name: 'COPY to other databases',
    steps: [
      ['SET', 'a', 'v'], ['COPY', 'a', 'a', 'DB', '1'], ['COPY', 'a', 'a', 'db', '1'], ['COPY', 'a', 'b', 'DB', '1', 'DB', '2'],
      ['SELECT', '1'], ['GET', 'a'], ['GET', 'b'], ['SELECT', '2'], ['GET', 'b'], ['COPY', 'b', 'b', 'DB', '0'],
    ],
  },
  {
    name: 'COPY is deep for every type',
    steps: [
      ['RPUSH', 'l', 'a'], ['COPY', 'l', 'l2'], ['RPUSH', 'l', 'b'], ['RPUSH', 'l2', 'c', 'd', 'e'],
      ['SADD', 's', '1'], ['COPY', 's', 's2'], ['SADD', 's', '2'], ['SADD', 's2', '2', '3'],
      ['HSET', 'h', 'f', 'v'], ['COPY', 'h', 'h2'], ['HSET', 'h', 'g', 'v'], ['HSET', 'h2', 'g', 'v', 'i', 'v'],
      ['ZADD', 'z', '1', 'a'], ['COPY', 'z', 'z2'], ['ZADD', 'z', '2', 'b'], ['ZADD', 'z2', '2', 'b', '3', 'c'],
      ['TYPE', 'l2'], ['TYPE', 's2'], ['TYPE', 'h2'], ['TYPE', 'z2'],
    ],
  },
];

const expires: Scenario[] = [
  {
    name: 'EXPIRE option errors come before the time is read',
    steps: [
      ['SET', 'k', 'v'], ['EXPIRE', 'k', 'abc', 'foo'], ['EXPIRE', 'k', '10', 'foo'], ['EXPIRE', 'k', '10', 'NX', 'XX'],
      ['EXPIRE', 'k', '10', 'GT', 'LT'], ['EXPIRE', 'k', '10', 'nx', 'gt'], ['EXPIRE', 'k', '10', 'lt', 'NX'],
      ['EXPIRE', 'k', '10', 'GT', 'LT', 'NX'], ['EXPIRE', 'nokey', '10', 'NX', 'XX'], ['PEXPIRE', 'k', '10', 'bar'],
      ['EXPIREAT', 'k', '10', 'xx', 'nx'], ['PEXPIREAT', 'k', '10', 'gt', 'lt'], ['EXPIRE', 'k', 'abc'], ['EXPIRE', 'k', '1.5'],
      ['EXPIRE', 'k', ''], ['EXPIRE', 'nokey', 'abc'], ['EXPIRE', 'k'], ['TTL', 'k'],
    ],
  },
  {
    name: 'EXPIRE time overflow',
    steps: [
      ['SET', 'k', 'v'], ['EXPIRE', 'k', '9223372036854775807'], ['EXPIRE', 'k', '9223372036854775'], ['EXPIRE', 'k', '9223372036854774'],
      ['EXPIRE', 'k', '-9223372036854776'], ['PEXPIRE', 'k', '9223372036854775807'], ['PEXPIRE', 'k', '9223372036854775807', 'NX'],
      ['EXPIREAT', 'k', '9223372036854775808'], ['EXPIREAT', 'k', '9223372036854776'], ['PEXPIREAT', 'k', '9223372036854775808'],
      ['EXPIRE', 'nokey', '9223372036854775807'], ['TTL', 'k'],
    ],
  },
  {
    name: 'EXPIRE with a negative time deletes the key',
    steps: [
      ['SET', 'a', '1'], ['EXPIRE', 'a', '-1'], ['EXISTS', 'a'], ['SET', 'b', '1'], ['EXPIRE', 'b', '0'], ['EXISTS', 'b'],
      ['SET', 'c', '1'], ['PEXPIRE', 'c', '-9223372036854775808'], ['EXISTS', 'c'], ['SET', 'd', '1'],
      ['EXPIRE', 'd', '-9223372036854775'], ['EXISTS', 'd'], ['EXPIRE', 'd', '-1'],
    ],
  },
  {
    name: 'EXPIREAT and PEXPIREAT in the past delete the key',
    steps: [['SET', 'a', '1'], ['EXPIREAT', 'a', '1'], ['GET', 'a'], ['RPUSH', 'l', 'x'], ['PEXPIREAT', 'l', '1000'], ['TYPE', 'l'], ['DBSIZE']],
  },
  {
    name: 'EXPIREAT and PEXPIREAT with EXPIRETIME and PEXPIRETIME',
    steps: [
      ['SET', 'k', 'v'], ['EXPIREAT', 'k', '4102444800'], ['EXPIRETIME', 'k'], ['PEXPIRETIME', 'k'], ['TTL', 'k'],
      { cmd: ['PTTL', 'k'], compare: 'shape' }, ['PEXPIREAT', 'k', '4102444800123'], ['EXPIRETIME', 'k'], ['PEXPIRETIME', 'k'],
      ['PEXPIREAT', 'k', '4102444800500'], ['EXPIRETIME', 'k'], ['PEXPIREAT', 'k', '4102444800499'], ['EXPIRETIME', 'k'],
    ],
  },
  {
    name: 'expiry times past 2^53 stay exact',
    steps: [
      ['SET', 'k', 'v'], ['EXPIREAT', 'k', '9223372036854775'], ['PEXPIRETIME', 'k'], ['EXPIRETIME', 'k'],
      ['PEXPIREAT', 'k', '9223372036854775807'], ['PEXPIRETIME', 'k'], ['EXPIRETIME', 'k'],
      { cmd: ['TTL', 'k'], compare: 'shape' }, { cmd: ['PTTL', 'k'], compare: 'shape' },
      ['PEXPIREAT', 'k', '9007199254740993'], ['PEXPIRETIME', 'k'], ['RENAME', 'k', 'j'], ['PEXPIRETIME', 'j'],
      ['COPY', 'j', 'i'], ['PEXPIRETIME', 'i'], ['MOVE', 'i', '1'], ['SELECT', '1'], ['PEXPIRETIME', 'i'],
      ['SWAPDB', '0', '1'], ['PEXPIRETIME', 'j'], ['SELECT', '0'], ['PEXPIRETIME', 'i'], ['COPY', 'i', 'h', 'DB', '2'],
      ['SELECT', '2'], ['PEXPIRETIME', 'h'], ['PEXPIREAT', 'h', '9007199254740992', 'GT'], ['PEXPIREAT', 'h', '9007199254740994', 'LT'],
      ['PEXPIRETIME', 'h'], ['PEXPIREAT', 'h', '9007199254740993', 'XX'], ['PEXPIRETIME', 'h'], ['PERSIST', 'h'], ['PEXPIRETIME', 'h'],
    ],
  },
  {
    name: 'NX, XX, GT and LT',
    steps: [
      ['SET', 'k', 'v'], ['EXPIRE', 'k', '100', 'XX'], ['EXPIRE', 'k', '100', 'GT'], ['TTL', 'k'], ['EXPIRE', 'k', '100', 'NX'],
      ['TTL', 'k'], ['EXPIRE', 'k', '200', 'NX'], ['EXPIRE', 'k', '50', 'GT'], ['EXPIRE', 'k', '200', 'gt'], ['TTL', 'k'],
      ['EXPIRE', 'k', '300', 'LT'], ['EXPIRE', 'k', '100', 'lt'], ['TTL', 'k'], ['EXPIRE', 'k', '150', 'XX', 'GT'], ['TTL', 'k'],
      ['EXPIRE', 'k', '90', 'XX', 'LT'], ['TTL', 'k'], ['EXPIRE', 'k', '95', 'xx', 'xx'], ['TTL', 'k'], ['PERSIST', 'k'],
      ['EXPIRE', 'k', '100', 'LT'], ['TTL', 'k'], ['PERSIST', 'k'], ['EXPIRE', 'k', '-1', 'GT'], ['EXISTS', 'k'],
      ['EXPIRE', 'k', '-1', 'LT'], ['EXISTS', 'k'], ['EXPIRE', 'nokey', '10', 'NX'],
    ],
  },
  {
    name: 'PEXPIREAT with GT and LT on absolute times',
    steps: [
      ['SET', 'k', 'v'], ['PEXPIREAT', 'k', '4102444800000'], ['PEXPIREAT', 'k', '4102444800000', 'GT'],
      ['PEXPIREAT', 'k', '4102444800000', 'LT'], ['PEXPIREAT', 'k', '4102444800001', 'GT'], ['PEXPIRETIME', 'k'],
      ['EXPIREAT', 'k', '4102444800', 'LT'], ['PEXPIRETIME', 'k'], ['EXPIREAT', 'k', '4102444800', 'NX'],
    ],
  },
  {
    name: 'PERSIST',
    steps: [
      ['PERSIST', 'nokey'], ['SET', 'k', 'v'], ['PERSIST', 'k'], ['EXPIRE', 'k', '100'], ['PERSIST', 'k'], ['TTL', 'k'],
      ['PERSIST', 'k'], ['PERSIST'], ['PERSIST', 'a', 'b'],
    ],
  },
  {
    name: 'TTL, PTTL, EXPIRETIME and PEXPIRETIME of missing and persistent keys',
    steps: [
      ['TTL', 'nokey'], ['PTTL', 'nokey'], ['EXPIRETIME', 'nokey'], ['PEXPIRETIME', 'nokey'], ['SET', 'k', 'v'], ['TTL', 'k'],
      ['PTTL', 'k'], ['EXPIRETIME', 'k'], ['PEXPIRETIME', 'k'], ['TTL'], ['PTTL', 'a', 'b'],
    ],
  },
  {
    name: 'TTL rounds to the nearest second',
    steps: [
      ['SET', 'k', 'v'], ['PEXPIRE', 'k', '100400'], ['TTL', 'k'], ['PEXPIRE', 'k', '1700'], ['TTL', 'k'], ['PEXPIRE', 'k', '5000'],
      ['TTL', 'k'],
    ],
  },
  {
    name: 'a key expires after its time',
    steps: [
      // The expiry and the read before it is due in one write: a busy machine can take
      // more than 50 ms between two steps.
      ['SET', 'k', 'v'], pipeline(['PEXPIRE', 'k', '50'], ['GET', 'k']), { sleep: 120 }, ['GET', 'k'], ['TTL', 'k'], ['EXISTS', 'k'],
      ['SET', 'k', 'again'], ['TTL', 'k'],
    ],
  },
  {
    name: 'SET removes the expiry',
    steps: [['SET', 'k', 'v'], ['EXPIRE', 'k', '100'], ['SET', 'k', 'w'], ['TTL', 'k']],
  },
];

const cStrings: Scenario[] = [
  {
    // Redis compares option names with strcasecmp and reads cursors with strtoul: both
    // stop at a NUL byte. Error texts stop there too, with CR and LF as spaces.
    name: 'options and cursors end at a NUL byte',
    steps: [
      ['SET', 'k', 'v'], ['EXPIRE', 'k', '10', bin(0x6e, 0x78, 0, 0x66)], ['TTL', 'k'], ['EXPIRE', 'k', '10', bin(0x66, 0, 0x6f)],
      ['EXPIRE', 'k', '10', 'a\r\nb'], ['COPY', 'k', 'j', Buffer.from('replace\0x')], ['COPY', 'k', 'j', Buffer.from('REPLACE\0x')],
      ['DEL', 'j'], ['SCAN', '0', Buffer.from('count\0x'), '5'], ['SCAN', Buffer.from('0\0x')], ['SCAN', Buffer.from('\0')],
      ['SCAN', '0', 'MATCH', 'k', 'TYPE', Buffer.from('string\0x')], ['SCAN', '0', 'MATCH', Buffer.from('k\0'), 'COUNT', '100'],
      ['FLUSHDB', Buffer.from('sync\0x')], ['DBSIZE'], ['SET', 'k', 'v'], ['FLUSHALL', Buffer.from('ASYNC\0')], ['DBSIZE'],
      ['COPY', 'k', 'j', 'DB', Buffer.from('1\0')],
    ],
  },
];

const databases: Scenario[] = [
  {
    name: 'SELECT errors',
    steps: [
      ['SELECT', '16'], ['SELECT', '-1'], ['SELECT', 'x'], ['SELECT', '1.0'], ['SELECT', ' 1'], ['SELECT', '01'], ['SELECT', '+1'],
      ['SELECT', '2147483648'], ['SELECT', '9999999999999999999999'], ['SELECT'], ['SELECT', '1', '2'], ['SELECT', '15'],
    ],
  },
  {
    name: 'SELECT separates databases per connection',
    steps: [
      ['SET', 'k', 'zero'], ['SELECT', '1'], ['GET', 'k'], ['SET', 'k', 'one'], { cmd: ['GET', 'k'], conn: 'b' },
      { cmd: ['SELECT', '1'], conn: 'b' }, { cmd: ['GET', 'k'], conn: 'b' }, ['DBSIZE'], ['SELECT', '0'], ['GET', 'k'],
    ],
  },
  {
    name: 'SWAPDB errors',
    steps: [
      ['SWAPDB', '0', '16'], ['SWAPDB', '16', '0'], ['SWAPDB', 'x', '1'], ['SWAPDB', '1', 'x'], ['SWAPDB', 'x', 'y'],
      ['SWAPDB', '-1', '0'], ['SWAPDB', '2147483648', '0'], ['SWAPDB', '0', '2147483648'], ['SWAPDB', '0'], ['SWAPDB', '0', '0'],
    ],
  },
  {
    name: 'SWAPDB exchanges contents under connected clients',
    steps: [
      ['SET', 'a', 'db0'], ['EXPIRE', 'a', '100'], ['SELECT', '1'], ['SET', 'b', 'db1'], ['RPUSH', 'l', 'x'],
      { cmd: ['GET', 'a'], conn: 'b' }, ['SWAPDB', '0', '1'], { cmd: ['GET', 'a'], conn: 'b' }, { cmd: ['GET', 'b'], conn: 'b' },
      { cmd: ['DBSIZE'], conn: 'b' }, ['GET', 'a'], ['TTL', 'a'], ['DBSIZE'], ['SWAPDB', '1', '0'], ['GET', 'b'], ['TYPE', 'l'],
    ],
  },
  {
    name: 'FLUSHDB and FLUSHALL',
    steps: [
      ['SET', 'a', '1'], ['SELECT', '1'], ['SET', 'b', '1'], ['FLUSHDB'], ['DBSIZE'], ['SELECT', '0'], ['DBSIZE'], ['SELECT', '2'],
      ['SET', 'c', '1'], ['FLUSHALL'], ['DBSIZE'], ['SELECT', '0'], ['DBSIZE'], ['SET', 'd', '1'], ['FLUSHDB', 'ASYNC'], ['DBSIZE'],
      ['SET', 'd', '1'], ['FLUSHDB', 'sync'], ['SET', 'd', '1'], ['FLUSHALL', 'async'], ['FLUSHALL', 'SYNC'], ['DBSIZE'],
    ],
  },
  {
    name: 'FLUSHDB and FLUSHALL syntax errors',
    steps: [['SET', 'a', '1'], ['FLUSHDB', 'foo'], ['FLUSHDB', 'async', 'sync'], ['FLUSHALL', 'x'], ['FLUSHALL', 'SYNC', 'SYNC'], ['DBSIZE']],
  },
  {
    name: 'DBSIZE',
    steps: [['DBSIZE'], ['SET', 'a', '1'], ['RPUSH', 'l', 'x'], ['DBSIZE'], ['DEL', 'a'], ['DBSIZE']],
  },
  {
    name: 'RANDOMKEY',
    steps: [['RANDOMKEY'], ['SET', 'only', '1'], ['RANDOMKEY'], ['PEXPIRE', 'only', '20'], { sleep: 60 }, ['RANDOMKEY'], ['DBSIZE']],
  },
];

const objects: Scenario[] = [
  {
    name: 'OBJECT ENCODING of strings',
    steps: [
      ['SET', 'int', '123'], ['SET', 'neg', '-5'], ['SET', 'big', '9223372036854775807'], ['SET', 'over', '9223372036854775808'],
      ['SET', 'lead', '012'], ['SET', 'e44', 'x'.repeat(44)], ['SET', 'r45', 'x'.repeat(45)], ['SET', 'empty', ''],
      ['OBJECT', 'ENCODING', 'int'], ['OBJECT', 'ENCODING', 'neg'], ['OBJECT', 'ENCODING', 'big'], ['OBJECT', 'ENCODING', 'over'],
      ['OBJECT', 'ENCODING', 'lead'], ['OBJECT', 'ENCODING', 'e44'], ['OBJECT', 'ENCODING', 'r45'], ['OBJECT', 'ENCODING', 'empty'],
      ['OBJECT', 'ENCODING', 'nokey'], ['COPY', 'e44', 'c44'], ['OBJECT', 'ENCODING', 'c44'],
    ],
  },
  {
    name: 'OBJECT ENCODING of other types',
    steps: [
      ['RPUSH', 'l', 'a'], ['SADD', 'si', '1', '2'], ['SADD', 'ss', 'a'], ['HSET', 'h', 'f', 'v'], ['ZADD', 'z', '1', 'a'],
      ['OBJECT', 'ENCODING', 'l'], ['OBJECT', 'ENCODING', 'si'], ['OBJECT', 'ENCODING', 'ss'], ['OBJECT', 'ENCODING', 'h'],
      ['OBJECT', 'ENCODING', 'z'],
    ],
  },
  {
    name: 'OBJECT REFCOUNT',
    steps: [
      ['SET', 'n', '123'], ['SET', 'edge', '9999'], ['SET', 'big', '10000'], ['SET', 'neg', '-1'], ['SET', 's', 'hello'],
      ['RPUSH', 'l', 'a'], ['OBJECT', 'REFCOUNT', 'n'], ['OBJECT', 'REFCOUNT', 'edge'], ['OBJECT', 'REFCOUNT', 'big'],
      ['OBJECT', 'REFCOUNT', 'neg'], ['OBJECT', 'REFCOUNT', 's'], ['OBJECT', 'REFCOUNT', 'l'], ['OBJECT', 'REFCOUNT', 'nokey'],
    ],
  },
  {
    name: 'OBJECT IDLETIME and FREQ under the default policy',
    // The SET and the IDLETIME after it arrive in one write: Redis's LRU clock moves only
    // between events (serverCron), and a new value's clock is read when its argument is
    // parsed (inside MULTI that is at queueing, so a slow machine could tick before EXEC).
    steps: [
      pipeline(['SET', 'k', 'v'], ['OBJECT', 'IDLETIME', 'k']), ['OBJECT', 'IDLETIME', 'nokey'], ['OBJECT', 'FREQ', 'k'], ['OBJECT', 'FREQ', 'nokey'],
    ],
  },
  {
    name: 'OBJECT IDLETIME grows until an access',
    steps: [
      // The exact count depends on where each server's second boundaries fall: compared
      // by shape after the sleep, exactly (0) after an access, in the access's transaction
      // (no second ticks inside one on Redis, however slow the machine).
      ['SET', 'k', 'v'], ['SET', 'j', 'v'], { sleep: 2100 }, { cmd: ['OBJECT', 'IDLETIME', 'k'], compare: 'shape' },
      ['TYPE', 'k'], ['EXISTS', 'k'], ['TTL', 'k'], ['OBJECT', 'ENCODING', 'k'], { cmd: ['OBJECT', 'IDLETIME', 'k'], compare: 'shape' },
      ['MULTI'], ['GET', 'k'], ['OBJECT', 'IDLETIME', 'k'], ['EXEC'], ['MULTI'], ['TOUCH', 'j'], ['OBJECT', 'IDLETIME', 'j'], ['EXEC'],
    ],
  },
  {
    name: 'OBJECT HELP and errors',
    steps: [
      ['OBJECT', 'HELP'], ['OBJECT', 'help'], ['OBJECT'], ['OBJECT', 'foo'], ['OBJECT', 'foo', 'k'], ['OBJECT', 'ENCODING'],
      ['OBJECT', 'ENCODING', 'a', 'b'], ['OBJECT', 'HELP', 'x'], ['OBJECT', 'REFCOUNT'], ['OBJECT', 'FREQ', 'a', 'b'],
    ],
  },
];

/** WATCH k on connection a, `commands` on connection b, then a's transaction. */
function watchScenario(name: string, setup: Step[], commands: Step[], watchDb = '0'): Scenario {
  const onB = commands.map((step): Step => (Array.isArray(step) ? { cmd: step, conn: 'b' } : step));
  return {
    name: `WATCH: ${name}`,
    steps: [...setup, ['SELECT', watchDb], ['WATCH', 'k'], ...onB, ['MULTI'], ['PING'], ['EXEC']],
  };
}

const watches: Scenario[] = [
  watchScenario('DEL', [['SET', 'k', '1']], [['DEL', 'k']]),
  watchScenario('DEL of a missing key', [], [['DEL', 'k']]),
  watchScenario('EXPIRE', [['SET', 'k', '1']], [['EXPIRE', 'k', '100']]),
  watchScenario('EXPIRE that fails its NX', [['SET', 'k', '1'], ['EXPIRE', 'k', '100']], [['EXPIRE', 'k', '100', 'NX']]),
  watchScenario('EXPIRE in the past', [['SET', 'k', '1']], [['EXPIRE', 'k', '-1']]),
  watchScenario('PERSIST', [['SET', 'k', '1'], ['EXPIRE', 'k', '100']], [['PERSIST', 'k']]),
  watchScenario('reads', [['SET', 'k', '1']], [['TTL', 'k'], ['TYPE', 'k'], ['EXISTS', 'k'], ['TOUCH', 'k'], ['OBJECT', 'ENCODING', 'k']]),
  watchScenario('RENAME onto it', [['SET', 'j', '1']], [['RENAME', 'j', 'k']]),
  watchScenario('RENAME away', [['SET', 'k', '1']], [['RENAME', 'k', 'j']]),
  watchScenario('COPY onto it', [['SET', 'j', '1']], [['COPY', 'j', 'k']]),
  watchScenario('MOVE into its database', [['SET', 'k', '1']], [['MOVE', 'k', '1']], '1'),
  watchScenario('FLUSHALL with the key', [['SET', 'k', '1']], [['FLUSHALL']]),
  watchScenario('FLUSHALL without the key', [['SET', 'j', '1']], [['FLUSHALL']]),
  watchScenario('FLUSHDB of another database', [['SET', 'k', '1']], [['SELECT', '2'], ['FLUSHDB']]),
  watchScenario('SWAPDB bringing the key', [['SELECT', '1'], ['SET', 'k', '1']], [['SWAPDB', '0', '1']]),
  watchScenario('SWAPDB of other databases', [['SET', 'k', '1']], [['SWAPDB', '1', '2']]),
  watchScenario('SWAPDB without the key on either side', [['SET', 'j', '1']], [['SWAPDB', '0', '1']]),
];

runScenarios('keyspace: DEL, UNLINK, EXISTS, TOUCH, TYPE', options, delExists);
runScenarios('keyspace: RENAME, RENAMENX', options, renames);
runScenarios('keyspace: COPY, MOVE', options, copyMove);
runScenarios('keyspace: EXPIRE family, PERSIST, TTL family', options, expires);
runScenarios('keyspace: SELECT, SWAPDB, FLUSH*, DBSIZE, RANDOMKEY', options, databases);
runScenarios('keyspace: OBJECT', options, objects);
runScenarios('keyspace: WATCH signals', options, watches);
runScenarios('keyspace: C-string arguments', options, cStrings);
