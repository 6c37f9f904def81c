import { pipeline, runScenarios, type Step } from '@fakeredis/tooling/conformance';
import { StringCommands } from '@fakeredis/strings';
import { coreMixins, FakeServer } from '../../src/index.js';

// Transactions over keys: WATCH races between two connections, flushes, SWAPDB, expiry,
// and errors at queue time versus run time. Needs the string commands (SET, GET, INCR)
// and the keyspace mixin (DEL, EXPIRE, FLUSHALL, SWAPDB ...).
const createServer = (config: Record<string, string>) =>
  new FakeServer({ mixins: [...coreMixins, StringCommands], config });

runScenarios('transactions: queue-time and run-time errors', { createServer }, [
  {
    name: 'writes are applied at EXEC, not before',
    steps: [['MULTI'], ['SET', 'k', '1'], ['INCR', 'k'], { cmd: ['GET', 'k'], conn: 'b' }, ['EXEC'], ['GET', 'k']],
  },
  {
    name: 'a run-time error does not stop the other commands',
    steps: [['MULTI'], ['SET', 'k', 'v'], ['INCR', 'k'], ['SET', 'j', '1'], ['INCR', 'j'], ['EXEC'], ['GET', 'j'], ['GET', 'k']],
  },
  {
    name: 'a queue-time error discards everything',
    steps: [['MULTI'], ['SET', 'k', 'v'], ['INCR'], ['SET', 'j', '1'], ['EXEC'], ['GET', 'k'], ['GET', 'j']],
  },
  {
    name: 'EXECABORT wins over a touched WATCH',
    steps: [['WATCH', 'k'], { cmd: ['SET', 'k', '1'], conn: 'b' }, ['MULTI'], ['NOPE'], ['EXEC'], ['MULTI'], ['EXEC']],
  },
  {
    name: 'SELECT inside MULTI moves the later commands',
    steps: [
      ['MULTI'],
      ['SET', 'k', 'zero'],
      ['SELECT', '1'],
      ['SET', 'k', 'one'],
      ['GET', 'k'],
      ['EXEC'],
      ['GET', 'k'],
      ['SELECT', '0'],
      ['GET', 'k'],
    ],
  },
  {
    name: 'DEL and EXPIRE inside a transaction',
    steps: [
      ['SET', 'a', '1'],
      ['SET', 'b', '2'],
      ['MULTI'],
      ['DEL', 'a', 'missing'],
      ['EXPIRE', 'b', '100'],
      ['TTL', 'b'],
      ['EXEC'],
    ],
  },
]);

runScenarios('transactions: WATCH', { createServer }, [
  {
    name: 'another connection writes a watched key',
    steps: [
      ['SET', 'k', '1'],
      ['WATCH', 'k'],
      { cmd: ['SET', 'k', '2'], conn: 'b' },
      ['MULTI'],
      ['SET', 'k', '3'],
      ['EXEC'],
      ['GET', 'k'],
    ],
  },
  {
    name: 'writing the same value still touches the key',
    steps: [['SET', 'k', 'v'], ['WATCH', 'k'], { cmd: ['SET', 'k', 'v'], conn: 'b' }, ['MULTI'], ['GET', 'k'], ['EXEC']],
  },
  {
    name: 'an untouched watch lets EXEC run',
    steps: [['SET', 'k', '1'], ['WATCH', 'k'], { cmd: ['GET', 'k'], conn: 'b' }, { cmd: ['SET', 'other', '1'], conn: 'b' }, ['MULTI'], ['INCR', 'k'], ['EXEC']],
  },
  {
    name: 'a key created and deleted meanwhile was touched',
    steps: [['WATCH', 'k'], { cmd: ['SET', 'k', '1'], conn: 'b' }, { cmd: ['DEL', 'k'], conn: 'b' }, ['MULTI'], ['PING'], ['EXEC']],
  },
  {
    name: 'deleting a missing watched key touches nothing',
    steps: [['WATCH', 'k'], { cmd: ['DEL', 'k'], conn: 'b' }, ['MULTI'], ['PING'], ['EXEC']],
  },
  {
    name: 'the watching connection touching its own key fails its EXEC',
    steps: [['WATCH', 'k'], ['SET', 'k', 'mine'], ['MULTI'], ['GET', 'k'], ['EXEC']],
  },
  {
    name: 'one touched key among several is enough',
    steps: [['WATCH', 'a', 'b', 'c'], { cmd: ['SET', 'c', '1'], conn: 'b' }, ['MULTI'], ['PING'], ['EXEC']],
  },
  {
    name: 'a touch inside another transaction counts',
    steps: [
      ['WATCH', 'k'],
      { cmd: ['MULTI'], conn: 'b' },
      { cmd: ['SET', 'k', 'b'], conn: 'b' },
      ['MULTI'],
      ['SET', 'k', 'a'],
      { cmd: ['EXEC'], conn: 'b' },
      ['EXEC'],
      ['GET', 'k'],
    ],
  },
  {
    name: 'a queued but not yet run write does not touch',
    steps: [
      ['WATCH', 'k'],
      { cmd: ['MULTI'], conn: 'b' },
      { cmd: ['SET', 'k', 'b'], conn: 'b' },
      ['MULTI'],
      ['SET', 'k', 'a'],
      ['EXEC'],
      { cmd: ['EXEC'], conn: 'b' },
      ['GET', 'k'],
    ],
  },
  {
    name: 'the transaction’s own writes do not touch later transactions',
    steps: [['WATCH', 'k'], ['MULTI'], ['SET', 'k', '1'], ['EXEC'], ['MULTI'], ['INCR', 'k'], ['EXEC']],
  },
  {
    name: 'EXEC forgets the watched keys',
    steps: [['WATCH', 'k'], ['MULTI'], ['EXEC'], { cmd: ['SET', 'k', '1'], conn: 'b' }, ['MULTI'], ['GET', 'k'], ['EXEC']],
  },
  {
    name: 'a failed EXEC forgets the watched keys',
    steps: [['WATCH', 'k'], { cmd: ['SET', 'k', '1'], conn: 'b' }, ['MULTI'], ['EXEC'], ['MULTI'], ['GET', 'k'], ['EXEC']],
  },
  {
    name: 'UNWATCH forgets a touched key',
    steps: [['WATCH', 'k'], { cmd: ['SET', 'k', '1'], conn: 'b' }, ['UNWATCH'], ['MULTI'], ['GET', 'k'], ['EXEC']],
  },
  {
    name: 'DISCARD forgets the watched keys',
    steps: [['WATCH', 'k'], ['MULTI'], ['DISCARD'], { cmd: ['SET', 'k', '1'], conn: 'b' }, ['MULTI'], ['GET', 'k'], ['EXEC']],
  },
  {
    name: 'RESET forgets the watched keys',
    steps: [['WATCH', 'k'], { cmd: ['SET', 'k', '1'], conn: 'b' }, ['RESET'], ['MULTI'], ['GET', 'k'], ['EXEC']],
  },
  {
    name: 'EXEC with arguments forgets the watched keys',
    steps: [['WATCH', 'k'], ['EXEC', 'x'], { cmd: ['SET', 'k', '1'], conn: 'b' }, ['MULTI'], ['GET', 'k'], ['EXEC']],
  },
  {
    name: 'WATCH after a touch changes nothing',
    steps: [['WATCH', 'k'], { cmd: ['SET', 'k', '1'], conn: 'b' }, ['WATCH', 'j'], ['MULTI'], ['PING'], ['EXEC']],
  },
  {
    name: 'keys are watched in the selected database',
    steps: [
      ['SELECT', '1'],
      ['WATCH', 'k'],
      { cmd: ['SET', 'k', 'db0'], conn: 'b' },
      ['MULTI'],
      ['PING'],
      ['EXEC'],
      ['WATCH', 'k'],
      { cmd: ['SELECT', '1'], conn: 'b' },
      { cmd: ['SET', 'k', 'db1'], conn: 'b' },
      ['MULTI'],
      ['PING'],
      ['EXEC'],
    ],
  },
  {
    name: 'a key watched in two databases',
    steps: [
      ['WATCH', 'k'],
      ['SELECT', '2'],
      ['WATCH', 'k'],
      { cmd: ['SET', 'k', '1'], conn: 'b' },
      ['MULTI'],
      ['PING'],
      ['EXEC'],
    ],
  },
  {
    name: 'EXPIRE and PERSIST touch the key',
    steps: [
      ['SET', 'k', 'v'],
      ['WATCH', 'k'],
      { cmd: ['EXPIRE', 'k', '100'], conn: 'b' },
      ['MULTI'],
      ['TTL', 'k'],
      ['EXEC'],
      ['WATCH', 'k'],
      { cmd: ['PERSIST', 'k'], conn: 'b' },
      ['MULTI'],
      ['TTL', 'k'],
      ['EXEC'],
      ['WATCH', 'k'],
      { cmd: ['PERSIST', 'k'], conn: 'b' },
      ['MULTI'],
      ['TTL', 'k'],
      ['EXEC'],
    ],
  },
  {
    name: 'RENAME touches both keys',
    steps: [
      ['SET', 'src', 'v'],
      ['WATCH', 'dst'],
      { cmd: ['RENAME', 'src', 'dst'], conn: 'b' },
      ['MULTI'],
      ['GET', 'dst'],
      ['EXEC'],
      ['WATCH', 'dst'],
      { cmd: ['RENAME', 'dst', 'src'], conn: 'b' },
      ['MULTI'],
      ['GET', 'src'],
      ['EXEC'],
    ],
  },
]);

runScenarios('transactions: WATCH and flushes', { createServer }, [
  {
    name: 'FLUSHALL touches a watched key that exists',
    steps: [['SET', 'k', 'v'], ['WATCH', 'k'], { cmd: ['FLUSHALL'], conn: 'b' }, ['MULTI'], ['GET', 'k'], ['EXEC']],
  },
  {
    name: 'FLUSHALL leaves a watched missing key untouched',
    steps: [['SET', 'other', 'v'], ['WATCH', 'k'], { cmd: ['FLUSHALL'], conn: 'b' }, ['MULTI'], ['GET', 'k'], ['EXEC']],
  },
  {
    name: 'FLUSHDB of another database',
    steps: [
      ['SET', 'k', 'v'],
      ['WATCH', 'k'],
      { cmd: ['SELECT', '1'], conn: 'b' },
      { cmd: ['SET', 'k', 'v'], conn: 'b' },
      { cmd: ['FLUSHDB'], conn: 'b' },
      ['MULTI'],
      ['GET', 'k'],
      ['EXEC'],
      ['WATCH', 'k'],
      { cmd: ['SELECT', '0'], conn: 'b' },
      { cmd: ['FLUSHDB'], conn: 'b' },
      ['MULTI'],
      ['GET', 'k'],
      ['EXEC'],
    ],
  },
  {
    name: 'SWAPDB touches a key that exists on either side',
    steps: [
      { cmd: ['SELECT', '1'], conn: 'b' },
      { cmd: ['SET', 'k', 'from1'], conn: 'b' },
      ['WATCH', 'k'],
      { cmd: ['SWAPDB', '0', '1'], conn: 'b' },
      ['MULTI'],
      ['GET', 'k'],
      ['EXEC'],
      ['WATCH', 'nowhere'],
      { cmd: ['SWAPDB', '0', '1'], conn: 'b' },
      ['MULTI'],
      ['GET', 'k'],
      ['EXEC'],
    ],
  },
]);

runScenarios('transactions: WATCH and expiry', { createServer }, [
  {
    name: 'a watched key that expires before EXEC fails it',
    // Set and watched in one write: the WATCH comes before the key is due however busy the machine.
    steps: [pipeline(['SET', 'k', 'v', 'PX', '50'], ['WATCH', 'k']), { sleep: 150 }, ['MULTI'], ['GET', 'k'], ['EXEC']],
  },
  {
    name: 'a key already expired when watched does not fail EXEC',
    steps: [['SET', 'k', 'v', 'PX', '20'], { sleep: 80 }, ['WATCH', 'k'], { sleep: 30 }, ['MULTI'], ['GET', 'k'], ['EXEC']],
  },
  {
    name: 'an expired watched key set again fails EXEC',
    steps: [
      ['SET', 'k', 'v', 'PX', '20'],
      { sleep: 80 },
      ['WATCH', 'k'],
      { cmd: ['SET', 'k', 'new'], conn: 'b' },
      ['MULTI'],
      ['GET', 'k'],
      ['EXEC'],
    ],
  },
  {
    name: 'a key with a far expiry does not fail EXEC',
    steps: [['SET', 'k', 'v', 'EX', '100'], ['WATCH', 'k'], ['MULTI'], ['GET', 'k'], ['EXEC']],
  },
  {
    name: 'an expiry set inside the transaction',
    steps: [['MULTI'], ['SET', 'k', 'v', 'PX', '30'], ['PTTL', 'k'], ['EXEC'], { sleep: 100 }, ['GET', 'k']],
  },
]);

// With the active expiry cycle off (DEBUG SET-ACTIVE-EXPIRE 0, restored at the end), an
// expired key stays stored until a command looks at it: the cases of multi.c's
// "expired when watched" flag and of isWatchedKeyExpired, deterministically.
const withoutActiveExpiry = (steps: Step[]): Step[] => [
  ['DEBUG', 'SET-ACTIVE-EXPIRE', '0'],
  ...steps,
  ['DEBUG', 'SET-ACTIVE-EXPIRE', '1'],
];

runScenarios('transactions: WATCH and stored expired keys', { createServer }, [
  {
    name: 'a key expired but stored when watched, then lazily deleted, does not fail EXEC',
    steps: withoutActiveExpiry([
      ['SET', 'k', 'v', 'PX', '10'],
      { sleep: 40 },
      ['WATCH', 'k'],
      { cmd: ['GET', 'k'], conn: 'b' },
      ['MULTI'],
      ['GET', 'k'],
      ['EXEC'],
    ]),
  },
  {
    name: 'a key expired but stored when watched, then flushed, does not fail EXEC',
    steps: withoutActiveExpiry([
      ['SET', 'k', 'v', 'PX', '10'],
      { sleep: 40 },
      ['WATCH', 'k'],
      { cmd: ['FLUSHALL'], conn: 'b' },
      ['MULTI'],
      ['GET', 'k'],
      ['EXEC'],
    ]),
  },
  {
    name: 'a key expired but stored when watched, then written, fails EXEC',
    steps: withoutActiveExpiry([
      ['SET', 'k', 'v', 'PX', '10'],
      { sleep: 40 },
      ['WATCH', 'k'],
      { cmd: ['SET', 'k', 'again'], conn: 'b' },
      ['MULTI'],
      ['GET', 'k'],
      ['EXEC'],
    ]),
  },
  {
    name: 'a key that expires after WATCH but stays stored fails EXEC',
    steps: withoutActiveExpiry([
      pipeline(['SET', 'k', 'v', 'PX', '60'], ['WATCH', 'k']),
      { sleep: 100 },
      ['MULTI'],
      ['PING'],
      ['EXEC'],
    ]),
  },
  {
    name: 'SWAPDB bringing in an expired key does not touch a missing watched key',
    steps: withoutActiveExpiry([
      { cmd: ['SELECT', '1'], conn: 'b' },
      { cmd: ['SET', 'k', 'v', 'PX', '10'], conn: 'b' },
      { sleep: 40 },
      ['WATCH', 'k'],
      { cmd: ['SWAPDB', '0', '1'], conn: 'b' },
      ['MULTI'],
      ['PING'],
      ['EXEC'],
    ]),
  },
]);

runScenarios('transactions: connection state', { createServer }, [
  {
    name: 'QUIT inside MULTI drops the transaction',
    steps: [['MULTI'], ['SET', 'k', 'v'], ['QUIT'], { cmd: ['GET', 'k'], conn: 'b' }],
  },
  {
    name: 'RESET inside MULTI drops the transaction',
    steps: [['MULTI'], ['SET', 'k', 'v'], ['RESET'], ['GET', 'k'], ['EXEC']],
  },
]);
