import { runScenarios, type Step } from '@fakeredis/tooling/conformance';
import { options } from './server.js';

/** WATCH k on connection a, `touch` on connection b, then a transaction on a. */
function watched(setup: Step[], touch: Array<string | Buffer>): Step[] {
  return [
    ...setup,
    ['WATCH', 'k'],
    { cmd: touch, conn: 'b' },
    ['MULTI'],
    ['SET', 'other', '1'],
    ['EXEC'],
  ];
}

// Which commands count as modifying a key (signalModifiedKey) decides whether EXEC runs.
runScenarios('strings: WATCH', options, [
  { name: 'SETBIT that changes nothing does not touch', steps: watched([['SET', 'k', '\u0000']], ['SETBIT', 'k', '0', '0']) },
  { name: 'SETBIT that flips a bit touches', steps: watched([['SET', 'k', '\u0000']], ['SETBIT', 'k', '0', '1']) },
  { name: 'BITFIELD that changes nothing does not touch', steps: watched([['SET', 'k', 'a']], ['BITFIELD', 'k', 'SET', 'u8', '0', '97']) },
  { name: 'SETRANGE with an empty value does not touch', steps: watched([['SET', 'k', 'a']], ['SETRANGE', 'k', '5', '']) },
  { name: 'APPEND touches', steps: watched([['SET', 'k', 'a']], ['APPEND', 'k', 'b']) },
  { name: 'PFADD that changes nothing does not touch', steps: watched([['PFADD', 'k', 'a']], ['PFADD', 'k', 'a']) },
  { name: 'PFCOUNT that refreshes the cache touches', steps: watched([['PFADD', 'k', 'a']], ['PFCOUNT', 'k']) },
  { name: 'PFCOUNT with a valid cache does not touch', steps: watched([['PFADD', 'k', 'a'], ['PFCOUNT', 'k']], ['PFCOUNT', 'k']) },
  { name: 'PFMERGE touches', steps: watched([['PFADD', 'k', 'a']], ['PFMERGE', 'k']) },
  { name: 'GETEX PERSIST without a TTL does not touch', steps: watched([['SET', 'k', 'a']], ['GETEX', 'k', 'PERSIST']) },
  { name: 'GETEX EX touches', steps: watched([['SET', 'k', 'a']], ['GETEX', 'k', 'EX', '100']) },
  { name: 'INCRBYFLOAT touches', steps: watched([['SET', 'k', '1']], ['INCRBYFLOAT', 'k', '0']) },
  { name: 'SET NX on an existing key does not touch', steps: watched([['SET', 'k', '1']], ['SET', 'k', '2', 'NX']) },
  { name: 'MSETNX that sets nothing does not touch', steps: watched([['SET', 'k', '1']], ['MSETNX', 'x', '1', 'k', '2']) },
  { name: 'BITOP deleting the target touches', steps: watched([['SET', 'k', '1']], ['BITOP', 'OR', 'k', 'nope']) },
  { name: 'GETDEL touches', steps: watched([['SET', 'k', '1']], ['GETDEL', 'k']) },
]);
