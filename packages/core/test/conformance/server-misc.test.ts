import { runScenarios, type Scenario } from '@fakeredis/tooling/conformance';
import { serverForConformance } from '../server/fixtures.js';

const options = { createServer: (config: Record<string, string>) => serverForConformance(config) };
const debug = (...args: string[]) => ['DEBUG', ...args];
const usage = (key: string, ...args: string[]) => ['MEMORY', 'USAGE', key, ...args];

const timeScenarios: Scenario[] = [
  {
    name: 'TIME and LASTSAVE',
    steps: [{ cmd: ['TIME'], compare: 'shape' }, ['TIME', 'x'], { cmd: ['LASTSAVE'], compare: 'shape' }, ['LASTSAVE', 'x']],
  },
];

const debugScenarios: Scenario[] = [
  { name: 'DEBUG HELP', steps: [debug('HELP'), debug('help'), debug('HELP', 'x'), ['DEBUG']] },
  {
    name: 'DEBUG SLEEP',
    steps: [debug('SLEEP', '0'), debug('SLEEP', '0.01'), debug('sleep', 'abc'), debug('SLEEP', '-1'), debug('SLEEP'), debug('SLEEP', '0', 'x')],
  },
  {
    name: 'DEBUG SET-ACTIVE-EXPIRE, CHANGE-REPL-ID, LOG',
    steps: [
      debug('SET-ACTIVE-EXPIRE', '0'), debug('SET-ACTIVE-EXPIRE', '1'), debug('set-active-expire'), debug('CHANGE-REPL-ID'),
      debug('CHANGE-REPL-ID', 'x'), debug('LOG', 'hello'), debug('LOG'), debug('LOG', 'a', 'b'),
    ],
  },
  {
    name: 'DEBUG SET-ACTIVE-EXPIRE 0 keeps expired keys until they are touched',
    steps: [
      debug('SET-ACTIVE-EXPIRE', '0'), ['SET', 'k', 'v', 'PX', '30'], { sleep: 250 }, ['DBSIZE'], ['GET', 'k'], ['DBSIZE'],
      debug('SET-ACTIVE-EXPIRE', '1'), ['SET', 'k2', 'v', 'PX', '30'], { sleep: 350 }, ['DBSIZE'],
    ],
  },
  {
    name: 'DEBUG ERROR replies with the given error',
    steps: [debug('ERROR', 'MYERR boom'), debug('ERROR', 'boom'), debug('ERROR', 'line\r\nbreak'), debug('ERROR')],
  },
  {
    name: 'DEBUG POPULATE',
    steps: [
      debug('POPULATE', '3'), ['MGET', 'key:0', 'key:1', 'key:2', 'key:3'], ['GET', 'key:0'],
      debug('POPULATE', '2', 'pre'), ['MGET', 'pre:0', 'pre:1'], debug('POPULATE', '2', 'sz', '3'), ['GET', 'sz:0'],
      debug('POPULATE', '2', 'pad', '10'), ['GET', 'pad:1'], ['SET', 'key:0', 'mine'], debug('POPULATE', '2'), ['GET', 'key:0'],
      debug('POPULATE', '0'), debug('POPULATE', '-1'), debug('POPULATE', 'x'), debug('POPULATE', '1', 'p', '-1'),
      debug('POPULATE', '1', 'p', 'x'), debug('POPULATE', '1', 'p', '1', 'extra'), ['DBSIZE'],
    ],
  },
  {
    name: 'DEBUG unknown subcommands',
    steps: [debug('NOSUCH'), debug('jmap'), debug('nosuch', 'a', 'b'), debug('x'.repeat(200))],
  },
];

const memoryScenarios: Scenario[] = [
  {
    name: 'MEMORY USAGE of strings of every encoding',
    steps: [
      ...['', 'a', 'a'.repeat(20), 'a'.repeat(21), 'a'.repeat(44), 'a'.repeat(45), 'a'.repeat(100), 'a'.repeat(300), 'a'.repeat(1000), 'a'.repeat(70000)]
        .flatMap((v, i) => [['SET', `k${i}`, v], usage(`k${i}`)]),
      ...['1', '12345', '-1', '10000', '9223372036854775807', '123456789012345678901', '01'].flatMap((v, i) => [['SET', `i${i}`, v], usage(`i${i}`)]),
    ],
  },
  {
    name: 'MEMORY USAGE counts the key name',
    steps: [
      ...[14, 15, 16, 31, 32, 44, 300].flatMap((n) => [['SET', 'k'.repeat(n), 'v'], usage('k'.repeat(n))]),
      ['APPEND', 'ap', 'a'], usage('ap'), ['APPEND', 'ap', 'bbbbb'], usage('ap'),
      // An appended string's sds grows greedily (twice the new length) and is counted as allocated.
      ['SET', 'hw', 'hello'], ['APPEND', 'hw', 'world'], usage('hw'), ['APPEND', 'hw', 'y'.repeat(100)], usage('hw'), ['APPEND', 'hw', 'z'], usage('hw'),
      ['SETRANGE', 'sr', '3', 'x'], usage('sr'), ['APPEND', 'sr', 'y'.repeat(40)], usage('sr'), ['SETBIT', 'bits', '100', '1'], usage('bits'),
      ['SETBIT', 'bits', '1000', '1'], usage('bits'),
    ],
  },
  {
    name: 'MEMORY USAGE options and errors',
    steps: [
      ['SET', 'k', 'v'], usage('nokey'), usage('k', 'SAMPLES', '0'), usage('k', 'samples', '10'), usage('k', 'SAMPLES', '-1'),
      usage('k', 'SAMPLES', 'x'), usage('k', 'SAMPLES'), usage('k', 'FOO', '1'), usage('nokey', 'FOO', '1'), usage('nokey', 'SAMPLES', 'x'),
      ['MEMORY', 'USAGE'],
    ],
  },
  {
    name: 'MEMORY DOCTOR, PURGE, STATS and HELP',
    steps: [
      ['MEMORY', 'DOCTOR'], ['MEMORY', 'PURGE'], ['MEMORY', 'HELP'], ['MEMORY', 'NOSUCH'], ['MEMORY', 'DOCTOR', 'x'],
      { cmd: ['MEMORY', 'STATS'], compare: 'shape' }, ['SET', 'k', 'v'], { cmd: ['MEMORY', 'STATS'], compare: 'shape' },
    ],
  },
];

runScenarios('server: TIME, LASTSAVE', options, timeScenarios);
runScenarios('server: DEBUG', options, debugScenarios);
runScenarios('server: MEMORY', options, memoryScenarios);
