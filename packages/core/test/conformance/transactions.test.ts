import { runScenarios } from '@fakeredis/tooling/conformance';
import { coreMixins, FakeServer } from '../../src/index.js';

// MULTI / EXEC / DISCARD / WATCH / UNWATCH with commands that need no keys: queueing,
// errors at queue time (abort) versus at run time (per command), and the commands that
// run at once inside a transaction. Scenarios with keys are in transactions-keys.test.ts.
const createServer = (config: Record<string, string>) => new FakeServer({ mixins: [...coreMixins], config });
// rbp: Redis's clientsCron resets the reply-buffer peak on a wall-clock schedule (every 5 s).
const CLIENT_INFO = { except: ['id', 'addr', 'laddr', 'fd', 'age', 'idle', 'rbp'] };

runScenarios('transactions: MULTI and EXEC', { createServer }, [
  { name: 'an empty transaction', steps: [['MULTI'], ['EXEC']] },
  {
    name: 'commands are queued and run in order',
    steps: [['MULTI'], ['PING'], ['ECHO', 'x'], ['PING', 'y'], ['CLIENT', 'GETNAME'], ['EXEC'], ['PING']],
  },
  {
    name: 'EXEC and DISCARD without MULTI',
    steps: [['EXEC'], ['DISCARD'], ['multi'], ['exec'], ['EXEC']],
  },
  {
    name: 'nested MULTI is an error that does not abort',
    steps: [['MULTI'], ['ECHO', 'a'], ['MULTI'], ['ECHO', 'b'], ['EXEC']],
  },
  { name: 'MULTI arity', steps: [['MULTI', 'x'], ['EXEC']] },
  {
    name: 'an unknown command aborts the transaction',
    steps: [['MULTI'], ['ECHO', 'a'], ['NOPE', 'x'], ['ECHO', 'b'], ['EXEC'], ['EXEC']],
  },
  {
    name: 'an arity error aborts the transaction',
    steps: [['MULTI'], ['ECHO'], ['PING'], ['EXEC']],
  },
  {
    name: 'an unknown subcommand aborts the transaction',
    steps: [['MULTI'], ['CLIENT', 'NOPE'], ['EXEC']],
  },
  {
    name: 'run-time errors are per command',
    steps: [
      ['MULTI'],
      ['PING', 'a', 'b'],
      ['ECHO', 'ok'],
      ['CLIENT', 'SETNAME', 'bad name'],
      ['CLIENT', 'SETNAME', 'good'],
      ['SELECT', '99'],
      ['CLIENT', 'GETNAME'],
      ['EXEC'],
    ],
  },
  {
    name: 'EXEC with arguments discards the transaction with the reason',
    steps: [['MULTI'], ['PING'], ['EXEC', 'x'], ['EXEC'], ['EXEC', 'y']],
  },
  {
    name: 'DISCARD with arguments aborts the transaction',
    steps: [['MULTI'], ['PING'], ['DISCARD', 'x'], ['EXEC']],
  },
  {
    name: 'DISCARD drops the queue',
    steps: [['MULTI'], ['CLIENT', 'SETNAME', 'never'], ['DISCARD'], ['CLIENT', 'GETNAME'], ['DISCARD']],
  },
  {
    name: 'WATCH inside MULTI is an error that does not abort',
    steps: [['MULTI'], ['WATCH', 'k'], ['ECHO', 'x'], ['EXEC']],
  },
  {
    name: 'UNWATCH inside MULTI is queued',
    steps: [['MULTI'], ['UNWATCH'], ['EXEC']],
  },
  {
    name: 'WATCH and UNWATCH',
    steps: [['WATCH', 'a', 'b', 'a'], ['UNWATCH'], ['UNWATCH'], ['WATCH'], ['UNWATCH', 'x']],
  },
  {
    name: 'SELECT inside MULTI applies to the commands after it',
    steps: [['MULTI'], ['SELECT', '2'], ['SELECT', '20'], ['EXEC'], ['MULTI'], ['SELECT', '0'], ['EXEC']],
  },
  {
    name: 'a transaction is per connection',
    steps: [['MULTI'], { cmd: ['PING'], conn: 'b' }, ['PING'], { cmd: ['EXEC'], conn: 'b' }, ['EXEC']],
  },
  {
    name: 'HELLO inside a transaction',
    steps: [['MULTI'], ['HELLO', '3', 'SETNAME', 'x y'], ['EXEC']],
  },
  {
    name: 'CLIENT REPLY inside a transaction',
    steps: [['MULTI'], ['CLIENT', 'REPLY', 'ON'], ['ECHO', 'x'], ['EXEC']],
  },
  {
    name: 'CLIENT LIST of an unknown id inside a transaction',
    steps: [['MULTI'], ['CLIENT', 'LIST', 'ID', '999999999'], ['CLIENT', 'LIST', 'TYPE', 'pubsub'], ['EXEC']],
  },
  {
    // Exact but for the fields that differ by nature between two servers' connections.
    name: 'CLIENT INFO inside EXEC',
    steps: [['MULTI'], ['CLIENT', 'INFO'], { cmd: ['EXEC'], compare: CLIENT_INFO }],
  },
  {
    // EXEC's query buffer and argv, its reply so far in the output buffer, the queue's memory.
    name: 'CLIENT INFO inside EXEC after other replies',
    steps: [
      ['MULTI'], ['ECHO', 'aaaaaaaaaa'], ['PING'], ['CLIENT', 'GETNAME'], ['CLIENT', 'INFO'], ['ECHO', 'b'],
      { cmd: ['EXEC'], compare: CLIENT_INFO },
    ],
  },
  {
    name: 'CLIENT INFO of a client WATCHing keys, inside and outside a transaction',
    steps: [
      ['WATCH', 'a', 'b', 'a'], { cmd: ['CLIENT', 'INFO'], compare: CLIENT_INFO }, ['MULTI'], ['CLIENT', 'INFO'],
      { cmd: ['EXEC'], compare: CLIENT_INFO },
    ],
  },
]);
